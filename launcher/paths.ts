import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Repository root, resolved from this file so scripts work from any working directory. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export const toolsDir = join(repoRoot, '.tools');
export const venvDir = join(toolsDir, 'venv');
export const temporalBin = join(venvDir, 'bin', 'temporal');
export const temporalTestServerBin = join(venvDir, 'bin', 'temporal-test-server');
export const ferretBin = join(toolsDir, 'bin', 'relais-ferretdb');
export const ferretSourceDir = join(repoRoot, 'launcher', 'ferretdb');

/** Default data folder for `npm start`; tests never use it. */
export const dataDir = process.env.RELAIS_DATA_DIR ?? join(repoRoot, '.data');

/** Workflow histories the workflow tests record in a run (gitignored), replayed at its end. */
export const recordedHistoriesDir = join(repoRoot, 'tests', 'artifacts', 'histories');
/**
 * Histories recorded by earlier versions, committed: today's workflow code must replay them, or
 * a deploy would break running cases. `npm run histories:keep` adds the latest run's.
 */
export const historyFixturesDir = join(repoRoot, 'tests', 'fixtures', 'histories');
