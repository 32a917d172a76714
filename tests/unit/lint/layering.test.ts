import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../launcher/paths';

// The repository's ESLint config, minus type information (the probes are not files on disk).
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
});

/** The imports of `source` that the layering rules refuse in a file at `path`. */
async function refused(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(repoRoot, path) });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => source.split('\n')[m.line - 1]!.match(/'([^']+)'/)![1]!);
}

const imports = (...specifiers: string[]) =>
  specifiers.map((s, i) => `import { x${i} } from '${s}';`).join('\n') +
  `\nexport const all = [${specifiers.map((_, i) => `x${i}`).join(', ')}];\n`;

describe('layering (README "Architecture")', () => {
  it('keeps rules/ free of anything of ours', async () => {
    const source = imports(
      '../model/ruleSet',
      'zod',
      '../../workflows/contracts/case',
      '../../worker/store/stores',
      '../../designer/src/lib/channels',
      '$lib/channels',
      '../../launcher/paths',
    );
    await expect(refused('rules/engine/probe.ts', source)).resolves.toEqual([
      '../../workflows/contracts/case',
      '../../worker/store/stores',
      '../../designer/src/lib/channels',
      '$lib/channels',
      '../../launcher/paths',
    ]);
  });

  it('lets workflows/ import only rules/ and itself, and no Node built-ins', async () => {
    const source = imports(
      '../../rules/model/ruleSet',
      '../contracts/case',
      '@temporalio/workflow',
      '../../worker/store/stores',
      'mongodb',
      'node:fs',
      '../../designer/src/lib/channels',
      '../../launcher/paths',
    );
    await expect(refused('workflows/case/probe.ts', source)).resolves.toEqual([
      '../../worker/store/stores',
      'mongodb',
      'node:fs',
      '../../designer/src/lib/channels',
      '../../launcher/paths',
    ]);
  });

  it('keeps worker/ off designer/', async () => {
    const source = imports(
      '../../rules/model/ruleSet',
      '../../workflows/contracts/case',
      '@temporalio/worker',
      '../../designer/src/lib/channels',
      '$lib/server/relais',
    );
    await expect(refused('worker/store/probe.ts', source)).resolves.toEqual([
      '../../designer/src/lib/channels',
      '$lib/server/relais',
    ]);
  });
});
