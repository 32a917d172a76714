import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { historyFixturesDir, recordedHistoriesDir } from './paths';

/**
 * Keeps the histories the last test run recorded as committed fixtures, so later versions of the
 * workflows must still replay them. Run after `npm test` when workflow code changed on purpose.
 */
if (!existsSync(recordedHistoriesDir)) {
  console.error(`nothing recorded in ${recordedHistoriesDir}: run npm test first`);
  process.exit(1);
}
mkdirSync(historyFixturesDir, { recursive: true });
const files = readdirSync(recordedHistoriesDir).filter((f) => f.endsWith('.json'));
for (const f of files) cpSync(`${recordedHistoriesDir}/${f}`, `${historyFixturesDir}/${f}`);
console.log(`kept ${files.length} histories in ${historyFixturesDir}`);
