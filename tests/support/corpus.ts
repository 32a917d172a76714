import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../launcher/paths';

/** The shared sample contacts, beside the repository as in CI (`../shared/corpus`). */
export const corpusPath = join(repoRoot, '..', 'shared', 'corpus', 'inbound-sample.jsonl');

export interface CorpusLine {
  messageId: string;
  channel: string;
  thread?: string;
  customer: Record<string, unknown>;
  label: { category: string; mood: string };
  [key: string]: unknown;
}

export function loadCorpus(): CorpusLine[] {
  if (!existsSync(corpusPath))
    throw new Error(
      `the sample corpus is missing: expected ${corpusPath} (shared/ beside the repo)`,
    );
  return readFileSync(corpusPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusLine);
}
