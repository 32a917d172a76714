/**
 * What creating one workflow costs the worker, for this checkout's workflow bundle against a
 * baseline commit's, interleaved in one run: the SDK's reusable V8 context (the worker's
 * default) creates N workflows of each bundle in turn, which evaluates the bundle's modules for
 * each (README "Where the time goes"), timing it and reading the live heap they hold. Never a test.
 *
 *   node --expose-gc --import tsx tests/bench/workflowCreation.bench.ts [--baseline REV] [--rounds 5] [--workflows 200]
 */
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../../launcher/paths';
import { workflowBundleOptions } from '../../worker/workflowBundle';

const { values } = parseArgs({
  options: {
    baseline: { type: 'string', default: 'HEAD' },
    rounds: { type: 'string', default: '5' },
    workflows: { type: 'string', default: '200' },
  },
});
const rounds = Number(values.rounds);
const perRound = Number(values.workflows);
const gc = globalThis.gc;
if (!gc) throw new Error('run with node --expose-gc');

/** The baseline's workflows and rules, with its own bundle options when it has them. */
async function baselineOptions(rev: string, dir: string): Promise<BundleOptions> {
  const paths = ['workflows', 'rules'];
  const hasOptions = (() => {
    try {
      execFileSync('git', ['cat-file', '-e', `${rev}:worker/workflowBundle.ts`], {
        cwd: repoRoot,
        stdio: 'ignore',
      });
      return true;
    } catch {
      return false;
    }
  })();
  if (hasOptions) paths.push('worker/workflowBundle.ts');
  const tar = execFileSync('git', ['archive', rev, ...paths], { cwd: repoRoot, maxBuffer: 1e9 });
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
  if (!hasOptions) return { workflowsPath: join(dir, 'workflows', 'index.ts') };
  const mod = (await import(join(dir, 'worker', 'workflowBundle.ts'))) as {
    workflowBundleOptions: typeof workflowBundleOptions;
  };
  return mod.workflowBundleOptions(dir);
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };
/** The bundle as the Worker hands it to its sandbox: code, and the source map it inlines. */
async function bundle(options: BundleOptions) {
  const { code } = await bundleWorkflowCode({ ...options, logger: quiet });
  const at = code.lastIndexOf('//# sourceMappingURL=data:');
  const map = code.slice(code.indexOf('base64,', at) + 'base64,'.length);
  const sourceMap = JSON.parse(Buffer.from(map, 'base64').toString()) as never;
  return { code, sourceMap, filename: join(options.workflowsPath!, '..', 'bundle.js') };
}

function info(n: number) {
  const id = `bench-${n}`;
  return {
    workflowId: id,
    runId: id,
    workflowType: 'customerWorkflow',
    searchAttributes: {},
    typedSearchAttributes: { getAll: () => [] },
    historyLength: 0,
    historySize: 0,
    continueAsNewSuggested: false,
    taskQueue: 'bench',
    namespace: 'default',
    firstExecutionRunId: id,
    originalExecutionRunId: id,
    attempt: 1,
    startTime: new Date(),
    runStartTime: new Date(),
    unsafe: { isReplaying: false, now: Date.now },
  };
}

type Creator = Awaited<ReturnType<typeof ReusableVMWorkflowCreator.create>>;
let serial = 0;

/** Creates `perRound` workflows: ms of CPU each, and live heap each while they are all held. */
async function round(creator: Creator): Promise<{ cpuMs: number; heapMiB: number }> {
  gc!();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  const created = [];
  for (let i = 0; i < perRound; i += 1) {
    serial += 1;
    created.push(
      await creator.createWorkflow({
        info: info(serial) as never,
        randomnessSeed: [serial],
        now: Date.now(),
        showStackTraceSources: false,
      }),
    );
  }
  const used = process.cpuUsage(cpu);
  gc!();
  const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / perRound / 2 ** 20;
  for (const wf of created) await wf.dispose();
  return { cpuMs: (used.user + used.system) / 1000 / perRound, heapMiB };
}

const dir = mkdtempSync(join(tmpdir(), 'relais-bench-creation-'));
try {
  const bundles = {
    [`baseline ${values.baseline}`]: await bundle(
      await baselineOptions(values.baseline, join(dir, 'baseline')),
    ),
    'this checkout': await bundle(workflowBundleOptions(repoRoot)),
  };
  const creators = await Promise.all(
    Object.values(bundles).map((b) => ReusableVMWorkflowCreator.create(b, 60_000, new Set())),
  );
  for (const c of creators) await round(c); // warm up
  const samples = creators.map(() => ({ cpuMs: [] as number[], heapMiB: [] as number[] }));
  for (let r = 0; r < rounds; r += 1)
    for (const [i, c] of creators.entries()) {
      const s = await round(c);
      samples[i]!.cpuMs.push(s.cpuMs);
      samples[i]!.heapMiB.push(s.heapMiB);
    }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const names = Object.keys(bundles);
  const [base, ours] = samples.map((s) => ({ cpu: median(s.cpuMs), heap: median(s.heapMiB) }));
  console.log(`median of ${rounds} rounds of ${perRound} workflows created, interleaved:`);
  console.log('| bundle | bytes | CPU ms per workflow | live heap per workflow |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [i, name] of names.entries()) {
    const m = i === 0 ? base! : ours!;
    const b = Object.values(bundles)[i]!;
    console.log(
      `| ${name} | ${b.code.length.toLocaleString('en')} | ${m.cpu.toFixed(2)} | ${(m.heap * 1024).toFixed(0)} KiB |`,
    );
  }
  console.log(
    `this checkout against the baseline: CPU ×${(ours!.cpu / base!.cpu).toFixed(3)}, heap ×${(ours!.heap / base!.heap).toFixed(3)}`,
  );
  await Promise.all(creators.map((c) => c.destroy()));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
