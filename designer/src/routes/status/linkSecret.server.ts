import { join } from 'node:path';
import type { Config } from '$worker/config';
import { loadLinkSecret } from '$worker/links/linkSecret';

let secret: string | undefined;

/** The secret the worker signs status links with (`npm start` names its file for both). */
export function statusLinkSecret(config: Config): string {
  secret ??= loadLinkSecret(config, join('.data', 'link.secret'), console.log);
  return secret;
}
