import type { z } from 'zod';
import type { Problem } from './errors';

type ZodIssue = z.core.$ZodIssue;

/**
 * zod's issues as one problem per place, with readable paths. A union (a condition, a group)
 * reports why every member failed; only the member the input was meant to be is kept.
 */
export function zodProblems(error: z.ZodError, root = ''): Problem[] {
  return flatten(error.issues, []).map(({ path, message }) => ({
    path: formatPath(root, path),
    message,
  }));
}

function flatten(
  issues: readonly ZodIssue[],
  base: readonly PropertyKey[],
): { path: PropertyKey[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0)
      return flatten(closestMember(issue.errors), path);
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`
        : issue.message;
    return [{ path, message }];
  });
}

/** The member that recognised the most of the input's fields, then the one with fewest issues. */
function closestMember(members: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] {
  const unknownKeys = (issues: readonly ZodIssue[]) =>
    issues.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 0), 0);
  return [...members].sort(
    (a, b) => unknownKeys(a) - unknownKeys(b) || a.length - b.length,
  )[0] as readonly ZodIssue[];
}

function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    root,
  );
}
