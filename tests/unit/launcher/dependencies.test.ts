import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../launcher/paths';

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts: Record<string, string>;
}

const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageJson;
const production = new Set(Object.keys(root.dependencies ?? {}));

/** Code that runs in production: the worker, the launcher, and all the designer bundles. */
const runtimeDirs = ['worker', 'rules', 'workflows', 'launcher', 'designer/src'];

function sources(dir: string): string[] {
  return readdirSync(join(repoRoot, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.(ts|js|svelte)$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

const packageOf = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

function importedPackages(): Map<string, string> {
  const found = new Map<string, string>();
  const pattern =
    /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const file of runtimeDirs.flatMap(sources)) {
    for (const m of readFileSync(join(repoRoot, file), 'utf8').matchAll(pattern)) {
      const spec = m[1] ?? m[2]!;
      if (/^[./$#]/.test(spec) || spec.startsWith('node:') || builtinModules.includes(spec))
        continue;
      found.set(packageOf(spec), file);
    }
  }
  return found;
}

describe('dependencies', () => {
  it('a production install (npm install --omit=dev) has every package the running code imports', () => {
    const missing = [...importedPackages()]
      .filter(([pkg]) => !production.has(pkg))
      .map(([pkg, file]) => `${pkg} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has the loader the worker and `npm start` run with, and what the built designer loads', () => {
    for (const script of ['start', 'worker'])
      expect(root.scripts[script]).toContain('--import tsx');
    expect(production.has('tsx')).toBe(true);
    // adapter-node leaves the designer's own dependencies out of the bundle: they load at run time.
    const designer = JSON.parse(
      readFileSync(join(repoRoot, 'designer', 'package.json'), 'utf8'),
    ) as PackageJson;
    for (const pkg of Object.keys(designer.dependencies ?? {})) expect(production).toContain(pkg);
  });
});
