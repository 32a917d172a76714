import type { BundleOptions } from '@temporalio/worker';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failureConverterPath } from './privacy/failureEncoding';

/**
 * Modules the workflow sandbox evaluates once per worker instead of once per workflow. With
 * `reuseV8Context` every workflow gets its own copy of each other module, so the contracts'
 * zod schemas were built again for every workflow (README "Where the time goes"). The SDK
 * deep-freezes what these modules export, and zod completes a schema on first use, so workflow
 * code validates only with schemas the contracts hand out through functions (`caseValidators`
 * and the like, workflows/contracts/lazySchema.ts). A contract that workflow code imports
 * values from belongs in this list.
 */
const preloaded = [
  'zod',
  'libphonenumber-js',
  'workflows/contracts/b2bComplaint.ts',
  'workflows/contracts/case.ts',
  'workflows/contracts/customer.ts',
  'workflows/contracts/messages.ts',
  'workflows/contracts/routing.ts',
  'workflows/contracts/searchAttributes.ts',
];

/** How the worker, the tests and the benches bundle the workflows of the checkout at `root`. */
export const workflowBundleOptions = (
  root = fileURLToPath(new URL('..', import.meta.url)),
): Pick<BundleOptions, 'workflowsPath' | 'preloadModules' | 'failureConverterPath'> => ({
  workflowsPath: join(root, 'workflows', 'index.ts'),
  // Failures raised by workflow code are encoded in the sandbox, with the same converter.
  failureConverterPath: failureConverterPath(root),
  preloadModules: preloaded.map((m) => (m.startsWith('workflows/') ? join(root, m) : m)),
});
