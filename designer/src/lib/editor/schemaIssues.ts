import type { Issue } from '$rules/checks/issue';
import type { Lang } from '$rules/model/channel';
import { en, type Messages } from '$lib/i18n/en';
import { fr } from '$lib/i18n/fr';
import type { SchemaProblem } from './schemaProblems';

const messages: Record<Lang, Messages> = { fr, en };

/**
 * Schema problems as static-check findings on the rule concerned, so the editor counts them,
 * shows them where the field is and blocks publishing, exactly as for the checks. The path is
 * the condition's ("all[0].any[1]"), "actions[i]" for an action, or "" for the rule itself.
 */
export function schemaIssues(
  problems: readonly SchemaProblem[],
  rules: readonly { id: string }[],
): Issue[] {
  return problems.map((problem) => {
    const { ruleId, path, field } = place(problem.path, rules);
    return {
      severity: 'error',
      code: 'INVALID_VALUE',
      ruleId,
      path,
      message: { fr: word(messages.fr, problem, field), en: word(messages.en, problem, field) },
    };
  });
}

type Key = string | number;

function place(
  path: readonly Key[],
  rules: readonly { id: string }[],
): { ruleId: string | null; path: string; field: Key[] } {
  const [top, index, part, ...rest] = path;
  const rule = top === 'rules' && typeof index === 'number' ? rules[index] : undefined;
  if (!rule) return { ruleId: null, path: '', field: [...path] };
  if (part === 'conditions') {
    const steps: string[] = [];
    let i = 0;
    for (; i < rest.length; i++) {
      const key = rest[i];
      const next = rest[i + 1];
      if (key === 'not') steps.push('not');
      else if ((key === 'all' || key === 'any') && typeof next === 'number') {
        steps.push(`${key}[${next}]`);
        i++;
      } else break;
    }
    return { ruleId: rule.id, path: steps.join('.'), field: rest.slice(i) };
  }
  if (part === 'actions' && typeof rest[0] === 'number')
    return { ruleId: rule.id, path: `actions[${rest[0]}]`, field: rest.slice(1) };
  return { ruleId: rule.id, path: '', field: part === undefined ? [] : [part, ...rest] };
}

function word(m: Messages, problem: SchemaProblem, field: readonly Key[]): string {
  const s = m.schema;
  const limit = problem.limit ?? 0;
  const what = {
    required: s.required,
    tooSmall: s.tooSmall(limit),
    tooBig: s.tooBig(limit),
    tooShort: s.tooShort(limit),
    tooLong: s.tooLong(limit),
    tooFew: s.tooFew(limit),
    tooMany: s.tooMany(limit),
    notInteger: s.notInteger,
    wrongType: s.wrongType,
    notAllowed: s.notAllowed,
    badFormat: s.badFormat,
    unknownFields: s.unknownFields((problem.keys ?? []).join(', ')),
    invalid: s.invalid,
  }[problem.code];
  const label = fieldLabel(s.fields, field);
  return label ? s.onField(label, what) : what;
}

/** The field's name in the UI: its full dotted name ("name.fr"), else its last name. */
function fieldLabel(labels: Record<string, string>, field: readonly Key[]): string | null {
  const names = field.filter((k): k is string => typeof k === 'string');
  const last = names.at(-1);
  if (!last) return null;
  return labels[names.join('.')] ?? labels[last] ?? last;
}

/** The live check and the server's refusal usually name the same problems: show each once. */
export function withoutRepeats(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.ruleId}|${i.path}|${i.code}|${i.message.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
