import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLinkSecret } from '../../../worker/links/linkSecret';

const dir = () => mkdtempSync(join(tmpdir(), 'relais-link-'));

describe('loadLinkSecret', () => {
  it('takes RELAIS_LINK_SECRET as given', () => {
    const secret = 'given-secret-given-secret-given-secret';
    expect(loadLinkSecret({ RELAIS_LINK_SECRET: secret }, join(dir(), 's'), () => {})).toBe(secret);
  });

  it('generates the file once, private, and every later load reads the same secret', () => {
    const file = join(dir(), 'data', 'link.secret');
    const logs: string[] = [];
    const first = loadLinkSecret({}, file, (l) => logs.push(l));
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadLinkSecret({}, file, (l) => logs.push(l))).toBe(first);
    expect(logs).toHaveLength(1);
    expect(loadLinkSecret({ RELAIS_LINK_SECRET_FILE: file }, '/nowhere', () => {})).toBe(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
  });
});
