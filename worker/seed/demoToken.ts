import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ApiScope } from '../store/apiTokens';
import type { Stores } from '../store/stores';

export interface InboundSecurity {
  secret?: string;
  open: boolean;
}

export const openModeWarning = `
!!! RELAIS_INBOUND_OPEN=true: POST /api/inbound/* takes messages from ANYONE, without a token
!!! or a signature. Use it only on a closed network; unset it to require API tokens.`;

/** A token printed at every start must not export or erase customers: those are granted on purpose. */
const demoScopes: ApiScope[] = ['inbound:write', 'cases:read', 'tasks:read'];

/**
 * Start-up of `npm start` without RELAIS_INBOUND_SECRET: makes sure there is a way in. On first
 * start (no live token at all) it creates a demo token and keeps the plain value in `file` (mode
 * 0600, as only that file can show it again); on each start it prints it from there while the token
 * is live.
 */
export async function ensureDemoToken(
  stores: Pick<Stores, 'apiTokens' | 'securityAudit'>,
  security: InboundSecurity,
  file: string,
  log: (line: string) => void,
): Promise<void> {
  if (security.open) {
    log(openModeWarning);
    return;
  }
  if (security.secret) return;
  const kept = existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
  if (kept && (await stores.apiTokens.find(kept))) {
    log(`[seed] demo API token (from ${file}): ${kept}`);
    return;
  }
  if (await stores.apiTokens.hasLive()) return;
  const { token, info } = await stores.apiTokens.create({
    name: 'Demo token (npm start)',
    scopes: demoScopes,
    createdBy: 'relais',
  });
  await stores.securityAudit.append({
    actor: 'relais',
    action: 'api-token-created',
    tokenId: info.id,
    tokenName: info.name,
  });
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  log(`[seed] created a demo API token, kept in ${file}: ${token}`);
}
