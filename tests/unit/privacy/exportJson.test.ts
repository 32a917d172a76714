import { Binary, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../../worker/privacy/exportCustomer';
import { CustomerExportSchema } from '../../../worker/privacy/exportDocument';

describe('export document', () => {
  it('writes stored values as JSON: dates in ISO, ids as text, bytes in base64', () => {
    const id = new ObjectId();
    expect(
      toJson({
        _id: id,
        at: new Date('2026-03-02T10:00:00Z'),
        data: new Binary(Buffer.from('pdf')),
        raw: Buffer.from('ok'),
        nested: [{ n: 1, no: undefined, inf: Infinity }],
      }),
    ).toEqual({
      _id: id.toHexString(),
      at: '2026-03-02T10:00:00.000Z',
      data: Buffer.from('pdf').toString('base64'),
      raw: Buffer.from('ok').toString('base64'),
      nested: [{ n: 1, no: null, inf: null }],
    });
  });

  it('has a schema every export is checked against', () => {
    const doc = {
      format: 'relais.customer-export.v1',
      exportedAt: '2026-03-02T10:00:00.000Z',
      customerId: 'c1',
      mongo: { customers: [{ _id: 'c1', email: 'zoe@exemple.fr' }] },
      temporal: [
        {
          workflowId: 'customer-c1',
          runId: 'r1',
          workflowType: 'customerWorkflow',
          status: 'RUNNING',
          events: [
            { eventId: 1, eventType: 'workflow_execution_started', time: null, payloads: [null] },
          ],
          unreadable: 1,
        },
      ],
    };
    expect(CustomerExportSchema.parse(doc)).toEqual(doc);
    expect(CustomerExportSchema.safeParse({ ...doc, format: 'other' }).success).toBe(false);
  });
});
