import { existsSync, readFileSync } from 'node:fs';
import { defaultCorpusPath as corpusPath } from '../../worker/cli/corpus';

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
