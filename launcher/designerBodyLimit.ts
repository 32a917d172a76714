import type { Config } from '../worker/config';

/** Room for a multipart request's parts around the file itself. */
const multipartRoom = 1024 * 1024;

/**
 * The designer's request body limit (adapter-node's BODY_SIZE_LIMIT, 512 KB by default): a chat
 * file may be as large as an email attachment. An explicit BODY_SIZE_LIMIT is kept.
 */
export const designerBodyLimit = (
  config: Pick<Config, 'RELAIS_MAIL_ATTACHMENT_MAX_BYTES'>,
  env: NodeJS.ProcessEnv = process.env,
): string => env.BODY_SIZE_LIMIT ?? String(config.RELAIS_MAIL_ATTACHMENT_MAX_BYTES + multipartRoom);
