import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidDocumentError, parseDoc } from '../../../worker/store/parseDoc';

const Schema = z.object({
  _id: z.string(),
  readAt: z.date().nullable(),
  nested: z.object({ to: z.string().nullable(), channel: z.string() }),
});

describe('parseDoc', () => {
  it('reads a null field that FerretDB 1.x dropped from an upsert as null', () => {
    const doc = parseDoc(Schema, 'notifications', { _id: 'n1', nested: { channel: 'email' } });
    expect(doc).toEqual({ _id: 'n1', readAt: null, nested: { to: null, channel: 'email' } });
  });

  it('still refuses a missing field that may not be null, naming collection and id', () => {
    const read = () => parseDoc(Schema, 'notifications', { _id: 'n2', readAt: null, nested: {} });
    expect(read).toThrow(InvalidDocumentError);
    expect(read).toThrow(/notifications document n2 .*nested\.channel/);
  });

  it('leaves the stored document untouched', () => {
    const stored = { _id: 'n3', nested: { channel: 'sms' } };
    parseDoc(Schema, 'notifications', stored);
    expect(stored).toEqual({ _id: 'n3', nested: { channel: 'sms' } });
  });
});
