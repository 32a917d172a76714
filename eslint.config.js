import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * Imports of our top-level folders: relative paths that climb into them, and the designer's
 * aliases for them ($lib and $app are the designer's own). `@temporalio/worker` does not match.
 */
const ours = (...folders) => {
  const aliases = folders.includes('designer') ? [...folders, 'lib', 'app'] : folders;
  return { regex: `^((\\.\\.?/)+(${folders.join('|')})|\\$(${aliases.join('|')}))(/|$)` };
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.tools/',
      '.data/',
      'designer/build/',
      'designer/.svelte-kit/',
      'tests/artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    // Workflow code is replayed: no I/O, clocks or randomness beyond what Temporal provides.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'No Node built-ins in workflow code.',
          })),
          patterns: [
            { group: ['mongodb'], message: 'Workflows do no I/O.' },
            { ...ours('worker'), message: 'Workflows do no I/O.' },
            {
              ...ours('designer', 'launcher', 'tests'),
              message: 'workflows/ imports only rules/ and itself (README "Architecture").',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              ...ours('workflows', 'worker', 'designer', 'launcher', 'tests'),
              message:
                'rules/ is a pure library: it imports nothing of ours (README "Architecture").',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['worker/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              ...ours('designer'),
              message: 'worker/ never imports designer/ (README "Architecture").',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
