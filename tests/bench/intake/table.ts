/** The bench's Markdown table: one row per figure, Relais beside the same-run baseline. */

export interface FigureRow {
  figure: string;
  relais: string;
  baseline: string;
  /** Relais / baseline, null when there is no baseline. */
  ratio: number | null;
  goal: string;
  /** Whether the goal is met; null when no goal applies or it cannot be told. */
  met: boolean | null;
}

/** "12.3 %" for ratios below 10, "1.2×" never: ratios here are shares of a ceiling. */
export const formatRatio = (r: number | null): string =>
  r === null ? '—' : `${(r * 100).toFixed(r < 0.1 ? 1 : 0)} %`;

export const formatMs = (ms: number | null): string =>
  ms === null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;

export const formatRate = (perSecond: number | null): string =>
  perSecond === null ? '—' : `${perSecond.toFixed(perSecond < 10 ? 1 : 0)}/s`;

export const formatMiB = (bytes: number | null): string =>
  bytes === null ? '—' : `${Math.round(bytes / 2 ** 20)} MiB`;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function markdownTable(rows: readonly FigureRow[]): string {
  const lines = [
    '| Figure | Relais | Baseline, same run | Ratio | Goal |',
    '| --- | --- | --- | ---: | --- |',
    ...rows.map((r) => {
      const verdict = r.met === null ? '' : r.met ? ' ✓' : ' ✗';
      return `| ${cell(r.figure)} | ${cell(r.relais)} | ${cell(r.baseline)} | ${formatRatio(r.ratio)} | ${cell(r.goal)}${r.goal && verdict} |`;
    }),
  ];
  return lines.join('\n');
}
