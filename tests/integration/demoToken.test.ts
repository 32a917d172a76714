import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ensureDemoToken } from '../../worker/seed/demoToken';
import { freshDatabase } from '../support/relaisWorker';

async function setup() {
  const { mongo, stores } = await freshDatabase();
  onTestFinished(() => mongo.close());
  const file = join(mkdtempSync(join(tmpdir(), 'relais-demo-token-')), 'demo-token');
  const lines: string[] = [];
  return { stores, file, lines, log: (line: string) => lines.push(line) };
}

describe('the demo token of npm start', () => {
  it('is created on first start, kept in a 0600 file, and printed again at each start', async () => {
    const { stores, file, lines, log } = await setup();
    await ensureDemoToken(stores, { open: false }, file, log);
    const token = readFileSync(file, 'utf8').trim();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lines.join('\n')).toContain(token);
    const info = await stores.apiTokens.find(token);
    expect(info?.scopes.sort()).toEqual(['cases:read', 'inbound:write', 'tasks:read']);
    expect((await stores.securityAudit.recent()).map((e) => e.action)).toEqual([
      'api-token-created',
    ]);

    await ensureDemoToken(stores, { open: false }, file, log);
    expect(lines.at(-1)).toContain(token);
    expect(await stores.apiTokens.list()).toHaveLength(1);
  });

  it('is not created once managers have tokens of their own, nor with a signing secret', async () => {
    const { stores, file, lines, log } = await setup();
    await ensureDemoToken(stores, { open: false, secret: 'a-signing-secret-0123' }, file, log);
    expect(await stores.apiTokens.list()).toEqual([]);
    await stores.apiTokens.create({ name: 'crm', scopes: ['inbound:write'], createdBy: 'manager' });
    await ensureDemoToken(stores, { open: false }, file, log);
    expect(await stores.apiTokens.list()).toHaveLength(1);
    expect(lines).toEqual([]);
  });

  it('is replaced when the kept one was revoked and no other is live', async () => {
    const { stores, file, log } = await setup();
    await ensureDemoToken(stores, { open: false }, file, log);
    const first = readFileSync(file, 'utf8').trim();
    const [info] = await stores.apiTokens.list();
    await stores.apiTokens.revoke(info!.id, 'manager');
    await ensureDemoToken(stores, { open: false }, file, log);
    const second = readFileSync(file, 'utf8').trim();
    expect(second).not.toBe(first);
    expect(await stores.apiTokens.find(second)).not.toBeNull();
  });

  it('warns loudly in open mode and creates nothing', async () => {
    const { stores, file, lines, log } = await setup();
    await ensureDemoToken(stores, { open: true }, file, log);
    expect(lines.join('\n')).toMatch(/RELAIS_INBOUND_OPEN=true.*ANYONE/s);
    expect(await stores.apiTokens.list()).toEqual([]);
  });
});
