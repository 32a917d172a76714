import type { Issue } from '../../rules/checks/issue';
import type { Lang } from '../../rules/model/channel';
import { localize } from '../../rules/model/localized';

export const print = (...lines: string[]): void => {
  for (const line of lines) process.stdout.write(`${line}\n`);
};

/** Columns padded to their widest cell, for a terminal. */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** One line per issue: severity, code, where, and the message in `lang`. */
export function issueLines(issues: Issue[], lang: Lang): string[] {
  if (issues.length === 0) return ['No issues.'];
  return issues.map((issue) => {
    const where = [issue.ruleId ?? '(rule set)', issue.path].filter(Boolean).join(' ');
    return `${issue.severity.padEnd(7)} ${issue.code} ${where}: ${localize(issue.message, lang)}`;
  });
}

export const countErrors = (issues: Issue[]): number =>
  issues.filter((issue) => issue.severity === 'error').length;

/** "2026-03-10 10:00:00Z": sortable, and the same on every machine. */
export const timestamp = (date: Date): string =>
  `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
