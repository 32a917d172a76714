import type { temporal } from '@temporalio/proto';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { recordedHistoriesDir as recordedDir } from '../../launcher/paths';
import { testEncryption } from './privacy';

const isPayload = (v: unknown): v is Payload =>
  typeof v === 'object' && v !== null && 'metadata' in v && 'data' in v;

/** Replaces every payload under `node` by its decoded self, in place. */
async function decodePayloads(node: unknown, codec: PayloadCodec): Promise<void> {
  if (typeof node !== 'object' || node === null || ArrayBuffer.isView(node)) return;
  const slots = node as Record<string, unknown>;
  for (const key of Object.keys(slots)) {
    const value = slots[key];
    if (isPayload(value)) [slots[key]] = await codec.decode([value]);
    else await decodePayloads(value, codec);
  }
}

/**
 * Kept decoded: the run's data keys die with its FerretDB, and a history promoted to the
 * fixtures must replay in any later run.
 */
export async function recordHistory(
  workflowId: string,
  history: temporal.api.history.v1.IHistory,
): Promise<void> {
  await decodePayloads(history, (await testEncryption()).codec);
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
