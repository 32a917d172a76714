import { type Condition, type GroupCondition, isLeaf, type LeafCondition } from './conditions';

/**
 * Where a condition sits in its rule: the groups from the root with the index taken in each,
 * e.g. "all[0].any[1]"; a `not` has one child and no index ("all[2].not"). The root is "".
 */
export type ConditionPath = string;

const join = (prefix: ConditionPath, step: string): ConditionPath =>
  prefix ? `${prefix}.${step}` : step;

export function groupOperator(group: GroupCondition): 'all' | 'any' | 'not' {
  return 'all' in group ? 'all' : 'any' in group ? 'any' : 'not';
}

/** The children of a group with their paths. */
export function childrenOf(
  group: GroupCondition,
  path: ConditionPath,
): { condition: Condition; path: ConditionPath }[] {
  if ('not' in group) return [{ condition: group.not, path: join(path, 'not') }];
  const op = groupOperator(group) as 'all' | 'any';
  const list = 'all' in group ? group.all : group.any;
  return list.map((condition, i) => ({ condition, path: join(path, `${op}[${i}]`) }));
}

/** Every leaf under `condition`, depth first, with its path. */
export function leavesOf(
  condition: Condition,
  path: ConditionPath = '',
): { leaf: LeafCondition; path: ConditionPath }[] {
  if (isLeaf(condition)) return [{ leaf: condition, path }];
  return childrenOf(condition, path).flatMap((child) => leavesOf(child.condition, child.path));
}

/** Every group under and including `condition`, depth first, with its path. */
export function groupsOf(
  condition: Condition,
  path: ConditionPath = '',
): { group: GroupCondition; path: ConditionPath }[] {
  if (isLeaf(condition)) return [];
  return [
    { group: condition, path },
    ...childrenOf(condition, path).flatMap((child) => groupsOf(child.condition, child.path)),
  ];
}

/** An empty `all` or `any`: always true. (An empty-looking `not` is never true.) */
export function isUnconditional(group: GroupCondition): boolean {
  return ('all' in group && group.all.length === 0) || ('any' in group && group.any.length === 0);
}
