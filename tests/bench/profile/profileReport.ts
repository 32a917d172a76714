import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { CpuProfileSchema, summariseProfile, type FrameShare } from './cpuProfileSummary';

const WindowsSchema = z.array(
  z.object({
    label: z.string(),
    fromUs: z.number(),
    toUs: z.number(),
    wallSeconds: z.number(),
    cpuSeconds: z.record(z.string(), z.number()),
  }),
);

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;

function frameTable(title: string, rows: FrameShare[]): string {
  return [
    `| ${title} | share of busy |`,
    '| --- | ---: |',
    ...rows.map((r) => `| \`${r.frame.replaceAll('|', '\\|')}\` | ${pct(r.share)} |`),
  ].join('\n');
}

/** `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`: thread 0 is the main thread. */
function threadOf(file: string): string {
  const thread = basename(file).split('.')[4];
  return thread === '0' ? 'main thread' : `thread ${thread} (workflows)`;
}

/**
 * A Markdown summary of what `bench:intake --cpu-prof DIR` left in one engine's folder: CPU
 * seconds per process over the profiled window, then the top frames of the inbound path's
 * profile and of each of the worker's threads, cut to that window.
 */
export function profileReport(dir: string, top = 10): string {
  const windowsFile = join(dir, 'windows.json');
  if (!existsSync(windowsFile)) return `${dir}: no profiled window (windows.json missing)\n`;
  const out: string[] = [];
  for (const w of WindowsSchema.parse(JSON.parse(readFileSync(windowsFile, 'utf8')))) {
    out.push(`## ${w.label} (${w.wallSeconds.toFixed(1)} s)`, '');
    const cpu = Object.entries(w.cpuSeconds)
      .filter(([, s]) => s > 0)
      .sort((a, b) => b[1] - a[1]);
    const total = cpu.reduce((sum, [, s]) => sum + s, 0);
    out.push('| process | CPU s | cores | share |', '| --- | ---: | ---: | ---: |');
    for (const [name, s] of cpu)
      out.push(
        `| ${name} | ${s.toFixed(2)} | ${(s / w.wallSeconds).toFixed(2)} | ${pct(s / total)} |`,
      );
    out.push('');
    const slug = w.label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
    const profiles: { name: string; file: string }[] = [
      { name: 'inbound path (bench process)', file: join(dir, `inbound-${slug}.cpuprofile`) },
      ...(existsSync(join(dir, 'worker'))
        ? readdirSync(join(dir, 'worker'))
            .filter((f) => f.endsWith('.cpuprofile'))
            .sort()
            .map((f) => ({ name: `worker ${threadOf(f)}`, file: join(dir, 'worker', f) }))
        : []),
    ];
    for (const p of profiles) {
      if (!existsSync(p.file)) continue;
      const profile = CpuProfileSchema.parse(JSON.parse(readFileSync(p.file, 'utf8')));
      const s = summariseProfile(profile, { fromUs: w.fromUs, toUs: w.toUs }, top);
      if (s.samples === 0) continue;
      out.push(`### ${p.name}: ${s.samples} samples, ${pct(s.busy)} busy`, '');
      out.push(frameTable('self', s.self), '');
      out.push(frameTable('inclusive', s.inclusive), '');
      out.push(frameTable('self, by origin', s.byOrigin), '');
      if (s.moduleEvaluation.length)
        out.push(
          frameTable('module evaluation (own code, innermost module)', s.moduleEvaluation),
          '',
        );
    }
  }
  return out.join('\n');
}
