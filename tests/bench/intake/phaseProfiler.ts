import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** Microseconds on the monotonic clock that V8's CPU profiles use in every process. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** CPU seconds (user + system) of a process from /proc, and its name; null once it is gone. */
function cpuOf(pid: number): { comm: string; ppid: number; seconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // After the name: state, ppid, …; utime and stime are fields 14 and 15 of the whole line.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { comm, ppid: Number(fields[1]), seconds: ticks / 100 };
  } catch {
    return null;
  }
}

/** CPU seconds of this process and every descendant, summed by what each one is. */
function treeCpu(names: Map<number, string>): Record<string, number> {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => ({ pid: Number(d), stat: cpuOf(Number(d)) }))
    .filter((p): p is { pid: number; stat: NonNullable<ReturnType<typeof cpuOf>> } => !!p.stat);
  const children = new Map<number, number[]>();
  for (const p of all) children.set(p.stat.ppid, [...(children.get(p.stat.ppid) ?? []), p.pid]);
  const byPid = new Map(all.map((p) => [p.pid, p.stat]));
  const out: Record<string, number> = {};
  const visit = (pid: number) => {
    const stat = byPid.get(pid);
    if (!stat) return;
    const kind = names.get(pid) ?? stat.comm;
    out[kind] = (out[kind] ?? 0) + stat.seconds;
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(process.pid);
  return out;
}

export interface ProfiledWindow {
  label: string;
  fromUs: number;
  toUs: number;
  wallSeconds: number;
  /** CPU seconds each process (or kind of process) used in the window. */
  cpuSeconds: Record<string, number>;
}

/**
 * With `--cpu-prof DIR`: profiles this process (the inbound path, `handleInbound`) over one
 * phase with the inspector, and notes the phase's window on the monotonic clock, so that the
 * worker's whole-life profiles (`node --cpu-prof`) can be cut to the same window afterwards.
 */
export class PhaseProfiler {
  private session: Session | null = null;
  private window: { label: string; fromUs: number; cpu: Record<string, number> } | null = null;
  readonly windows: ProfiledWindow[] = [];

  /** `names`: pid → what it is, for the processes whose CPU the window reports by name. */
  constructor(
    readonly dir: string,
    private readonly names: () => Map<number, string>,
  ) {}

  async start(label: string): Promise<void> {
    this.session = new Session();
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.start');
    this.window = { label, fromUs: nowUs(), cpu: treeCpu(this.names()) };
  }

  async stop(): Promise<void> {
    if (!this.session || !this.window) return;
    const toUs = nowUs();
    const cpuAfter = treeCpu(this.names());
    const { profile } = await this.session.post('Profiler.stop');
    this.session.disconnect();
    this.session = null;
    const { label, fromUs, cpu } = this.window;
    this.window = null;
    const slug = label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
    writeFileSync(join(this.dir, `inbound-${slug}.cpuprofile`), JSON.stringify(profile));
    const cpuSeconds = Object.fromEntries(
      Object.entries(cpuAfter).map(([k, v]) => [k, Math.round((v - (cpu[k] ?? 0)) * 100) / 100]),
    );
    this.windows.push({ label, fromUs, toUs, wallSeconds: (toUs - fromUs) / 1e6, cpuSeconds });
    writeFileSync(join(this.dir, 'windows.json'), JSON.stringify(this.windows, null, 2));
  }
}
