import { DefaultFailureConverter } from '@temporalio/common';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const privacyDir = dirname(fileURLToPath(import.meta.url));

/**
 * Where Workers and the workflow bundler load the failure converter from (failureConverter.cjs
 * says why failures go through the codec), in the checkout at `root` when given.
 */
export const failureConverterPath = (root?: string) =>
  root
    ? join(root, 'worker', 'privacy', 'failureConverter.cjs')
    : join(privacyDir, 'failureConverter.cjs');

/**
 * The same converter for clients, which take it already loaded: in the designer's bundle this
 * module no longer sits next to the .cjs file, and a client never has to find it.
 */
export const encodingFailureConverter = new DefaultFailureConverter({
  encodeCommonAttributes: true,
});
