import { createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** An AES-256 key that wraps data keys; its id (a hash prefix) names it in the key store. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** The key new data keys are wrapped with, and earlier ones still accepted for unwrapping. */
export interface MasterKeys {
  current: MasterKey;
  previous: MasterKey[];
}

export function masterKeyFrom(base64: string): MasterKey {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new Error('a master key is 32 bytes, written in base64');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

/**
 * The master key in `path`, written there first when the file is missing. The key goes to a
 * temporary file linked into place, so two processes starting at once agree on one key.
 */
export function ensureMasterKeyFile(path: string, log: (line: string) => void): MasterKey {
  try {
    return masterKeyFrom(readFileSync(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(path), { recursive: true });
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
  try {
    linkSync(draft, path);
    log(
      `[privacy] generated a master key in ${path}: keep it with your backups, ` +
        'without it the encrypted Temporal payloads cannot be read (README "Personal data")',
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(draft, { force: true });
  }
  return masterKeyFrom(readFileSync(path, 'utf8'));
}

/** RELAIS_MASTER_KEY, else the key file (generated on first start), plus the previous keys. */
export function loadMasterKeys(
  config: {
    RELAIS_MASTER_KEY?: string;
    RELAIS_MASTER_KEY_FILE?: string;
    RELAIS_MASTER_KEY_PREVIOUS?: string;
  },
  defaultFile: string,
  log: (line: string) => void,
): MasterKeys {
  const current = config.RELAIS_MASTER_KEY
    ? masterKeyFrom(config.RELAIS_MASTER_KEY)
    : ensureMasterKeyFile(config.RELAIS_MASTER_KEY_FILE ?? defaultFile, log);
  const previous = (config.RELAIS_MASTER_KEY_PREVIOUS ?? '')
    .split(',')
    .filter((k) => k.trim() !== '')
    .map(masterKeyFrom);
  return { current, previous };
}
