import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * RELAIS_LINK_SECRET, else the secret in the file (RELAIS_LINK_SECRET_FILE or `defaultFile`),
 * written there on first use. As with the master key, a temporary file linked into place makes
 * two processes starting at once agree on one secret.
 */
export function loadLinkSecret(
  config: { RELAIS_LINK_SECRET?: string; RELAIS_LINK_SECRET_FILE?: string },
  defaultFile: string,
  log: (line: string) => void,
): string {
  if (config.RELAIS_LINK_SECRET) return config.RELAIS_LINK_SECRET;
  const path = config.RELAIS_LINK_SECRET_FILE ?? defaultFile;
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(path), { recursive: true });
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
  try {
    linkSync(draft, path);
    log(`[links] generated the secret of customers' status links in ${path}`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(draft, { force: true });
  }
  return readFileSync(path, 'utf8').trim();
}
