import { z } from 'zod';

/** The parts of V8's `.cpuprofile` JSON (as `node --cpu-prof` writes it) that a summary reads. */
export const CpuProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({
        functionName: z.string(),
        url: z.string(),
        lineNumber: z.number(),
      }),
      children: z.array(z.number()).optional(),
    }),
  ),
  /** Microseconds on the monotonic clock, as `process.hrtime` reads it in any process. */
  startTime: z.number(),
  endTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
export type CpuProfile = z.infer<typeof CpuProfileSchema>;

export interface FrameShare {
  frame: string;
  /** Share of the busy samples (idle left out), 0–1. */
  share: number;
}

export interface ProfileSummary {
  /** Samples in the window, idle ones included. */
  samples: number;
  /** Share of the window's samples that were not idle. */
  busy: number;
  /** Time spent in the frame itself. */
  self: FrameShare[];
  /** Time spent in the frame or anything it called (each sample counted once per frame). */
  inclusive: FrameShare[];
  /** Self time by where the code comes from: a package, Node itself, our folders, the VM. */
  byOrigin: FrameShare[];
  /**
   * Time under a webpack module's factory (the workflow bundle names them `./path`), each sample
   * given to the innermost module: what evaluating that module's own code costs.
   */
  moduleEvaluation: FrameShare[];
}

/** Webpack (development mode) names each module's factory function after the module's path. */
const isModuleFactory = (functionName: string) => functionName.startsWith('./');

/** A frame's name as a summary shows it: the function, then its file (shortened) and line. */
export function frameName(frame: { functionName: string; url: string; lineNumber: number }) {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  return `${name} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) return path.slice(inModules + '/node_modules/'.length);
  const repo = /\/(worker|workflows|rules|designer|launcher|tests)\/.*/.exec(path);
  return repo ? repo[0].slice(1) : path;
}

/** Where a frame's code comes from: an npm package, `node:` internals, one of our folders. */
export function originOf(url: string): string {
  if (!url) return '(native / VM)';
  if (url.startsWith('node:')) return 'node: internals';
  const path = url.replace(/^file:\/\//, '');
  const inModules = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (inModules) return inModules[1]!;
  const ours = /\/(worker|workflows|rules|designer|launcher|tests)\//.exec(path);
  if (ours) return `${ours[1]}/`;
  return path;
}

const idle = new Set(['(idle)']);

/**
 * The top `top` frames by self and by inclusive time over the samples taken between `fromUs` and
 * `toUs` (the whole profile when absent), as shares of the busy samples.
 */
export function summariseProfile(
  profile: CpuProfile,
  window: { fromUs?: number; toUs?: number } = {},
  top = 10,
): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const origins = new Map<string, number>();
  const modules = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let t = profile.startTime;
  let samples = 0;
  let busy = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (
      (window.fromUs !== undefined && t < window.fromUs) ||
      (window.toUs !== undefined && t > window.toUs)
    )
      return;
    samples += 1;
    const node = byId.get(id);
    if (!node || idle.has(node.callFrame.functionName)) return;
    busy += 1;
    add(self, frameName(node.callFrame));
    add(origins, node.callFrame.url ? originOf(node.callFrame.url) : node.callFrame.functionName);
    const seen = new Set<string>();
    let inModule = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!inModule && isModuleFactory(frame.functionName)) {
        inModule = true;
        add(modules, frame.functionName);
      }
      const name = frameName(frame);
      if (name === '(root)' || seen.has(name)) continue;
      seen.add(name);
      add(inclusive, name);
    }
  });
  const ranked = (m: Map<string, number>): FrameShare[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([frame, n]) => ({ frame, share: busy ? n / busy : 0 }));
  return {
    samples,
    busy: samples ? busy / samples : 0,
    self: ranked(self),
    inclusive: ranked(inclusive),
    byOrigin: ranked(origins),
    moduleEvaluation: ranked(modules),
  };
}
