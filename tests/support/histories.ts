import type { temporal } from '@temporalio/proto';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedHistoriesDir as recordedDir } from '../../launcher/paths';

export async function recordHistory(
  workflowId: string,
  history: temporal.api.history.v1.IHistory,
): Promise<void> {
  mkdirSync(recordedDir, { recursive: true });
  writeFileSync(join(recordedDir, `${workflowId}.json`), historyToJSON(history));
}

export function loadHistories(dir: string): { workflowId: string; history: unknown }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      workflowId: f.replace(/\.json$/, ''),
      history: historyFromJSON(JSON.parse(readFileSync(join(dir, f), 'utf8'))),
    }));
}
