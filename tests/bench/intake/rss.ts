import { readFileSync } from 'node:fs';

/** A process's resident memory from /proc, in bytes; null once it is gone. */
export function rssOf(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    const kib = line ? Number(/(\d+)/.exec(line)?.[1]) : NaN;
    return Number.isFinite(kib) ? kib * 1024 : null;
  } catch {
    return null;
  }
}

export interface RssSample {
  at: number;
  label: string;
  bytes: number;
}

/** Samples a process's RSS every `everyMs`, each sample tagged with what the bench was doing. */
export class RssSampler {
  readonly samples: RssSample[] = [];
  label = 'start';
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 2_000,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  sample(): number | null {
    const bytes = rssOf(this.pid);
    if (bytes !== null) this.samples.push({ at: Date.now(), label: this.label, bytes });
    return bytes;
  }

  peak(label?: string): number | null {
    const bytes = this.samples.filter((s) => !label || s.label === label).map((s) => s.bytes);
    return bytes.length ? Math.max(...bytes) : null;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
