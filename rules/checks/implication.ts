import { sameJson } from '../json/canonical';
import { type Condition, isLeaf, type LeafCondition } from '../model/conditions';

/**
 * Conservative logic for the shadowing check: `implies(b, a)` is true only when every contact
 * that satisfies `b` surely satisfies `a`. False means "not proven", never "proven false".
 */
export function implies(b: Condition, a: Condition): boolean {
  if (sameCondition(a, b)) return true;
  const bLeaves = conjunction(b);
  if (!bLeaves) return false;
  const aLeaves = conjunction(a);
  if (aLeaves) return aLeaves.every((al) => bLeaves.some((bl) => leafImplies(bl, al)));
  // A weaker `any`: b implies one of its branches.
  if ('any' in a) return a.any.some((branch) => implies(b, branch));
  return false;
}

/** The leaves of a condition that is only a conjunction (nested `all`s, one-branch `any`s). */
function conjunction(condition: Condition): LeafCondition[] | null {
  if (isLeaf(condition)) return [condition];
  if ('not' in condition) return null;
  const children =
    'all' in condition ? condition.all : condition.any.length === 1 ? condition.any : null;
  if (!children) return null;
  const leaves: LeafCondition[] = [];
  for (const child of children) {
    const inner = conjunction(child);
    if (!inner) return null;
    leaves.push(...inner);
  }
  return leaves;
}

/** One leaf implies another on the same fact: same test, a narrower list, a stricter bound… */
export function leafImplies(b: LeafCondition, a: LeafCondition): boolean {
  if (a.fact !== b.fact) return false;
  if (sameCondition(a, b)) return true;
  const bValues = pointValues(b);
  const aValues = pointValues(a);
  if (bValues && aValues) return bValues.every((v) => aValues.includes(v));
  if (
    b.operator === 'containsAnyWord' &&
    a.operator === 'containsAnyWord' &&
    Array.isArray(a.value) &&
    Array.isArray(b.value)
  ) {
    const words = a.value as unknown[];
    return b.value.every((word) => words.includes(word));
  }
  const bRange = range(b);
  const aRange = range(a);
  return bRange !== null && aRange !== null && within(bRange, aRange);
}

/** The values a leaf allows when it is a finite list: `equal x`, `in [x, y]`. */
function pointValues(leaf: LeafCondition): unknown[] | null {
  if (leaf.operator === 'equal') return [leaf.value];
  if (leaf.operator === 'in' && Array.isArray(leaf.value)) return leaf.value;
  return null;
}

interface Range {
  low: number;
  lowOpen: boolean;
  high: number;
  highOpen: boolean;
}

function range(leaf: LeafCondition): Range | null {
  const v = leaf.value;
  if (typeof v === 'number') {
    switch (leaf.operator) {
      case 'equal':
        return { low: v, lowOpen: false, high: v, highOpen: false };
      case 'lessThan':
        return { low: -Infinity, lowOpen: true, high: v, highOpen: true };
      case 'lessThanInclusive':
        return { low: -Infinity, lowOpen: true, high: v, highOpen: false };
      case 'greaterThan':
        return { low: v, lowOpen: true, high: Infinity, highOpen: true };
      case 'greaterThanInclusive':
        return { low: v, lowOpen: false, high: Infinity, highOpen: true };
    }
  }
  if (
    leaf.operator === 'between' &&
    Array.isArray(v) &&
    typeof v[0] === 'number' &&
    typeof v[1] === 'number'
  ) {
    return { low: v[0], lowOpen: false, high: v[1], highOpen: false };
  }
  return null;
}

/** Whether range `b` lies inside range `a`. */
function within(b: Range, a: Range): boolean {
  const lowOk = b.low > a.low || (b.low === a.low && (!a.lowOpen || b.lowOpen));
  const highOk = b.high < a.high || (b.high === a.high && (!a.highOpen || b.highOpen));
  return lowOk && highOk;
}

function sameCondition(a: Condition, b: Condition): boolean {
  return sameJson(a, b);
}
