import type { Db, Document } from 'mongodb';

/** What FerretDB's `explain` says of one query: what it pushed down and how the backend ran it. */
export interface PlanSummary {
  filterPushdown: boolean;
  sortPushdown: boolean;
  limitPushdown: boolean;
  /** The backend's plan: PostgreSQL's nodes (with their index), SQLite's detail lines. */
  steps: string[];
  /** The backend reads the collection through an index only: no step scans it whole. */
  usesIndex: boolean;
}

interface PgNode {
  'Node Type'?: string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PgNode[];
}

function pgSteps(node: PgNode): string[] {
  const here = [node['Node Type'], node['Index Name'] ?? node['Relation Name']]
    .filter(Boolean)
    .join(' on ');
  return [here, ...(node.Plans ?? []).flatMap(pgSteps)];
}

/** FerretDB's explain: PostgreSQL gives a node tree, SQLite the lines of EXPLAIN QUERY PLAN. */
export function summarisePlan(explained: Document): PlanSummary {
  const plan = (explained.queryPlanner as { Plan?: unknown } | undefined)?.Plan;
  const steps = Array.isArray(plan)
    ? plan.map((line) => String(line).replace(/^.*detail=/, ''))
    : plan
      ? pgSteps(plan as PgNode)
      : [];
  const scans = steps.some((s) => /^(Seq Scan|SCAN)\b/.test(s));
  const indexed = steps.some((s) => /Index Scan on|USING (COVERING )?INDEX|PRIMARY KEY/.test(s));
  return {
    filterPushdown: explained.filterPushdown === true,
    sortPushdown: explained.sortPushdown === true,
    limitPushdown: explained.limitPushdown === true,
    steps,
    usesIndex: indexed && !scans,
  };
}

/**
 * The `find` that runs the same backend query as a command: FerretDB's updates, findAndModify,
 * deletes and counts all query with their filter (pushed down the same way), then work on what
 * comes back. Undefined for a command that reads nothing (insert, createIndexes…).
 */
export function queryOf(command: Document): Document | undefined {
  const collection = (name: string) => command[name] as string;
  if ('find' in command)
    return {
      find: collection('find'),
      filter: command.filter ?? {},
      ...(command.sort ? { sort: command.sort } : {}),
      ...(command.limit ? { limit: command.limit } : {}),
      ...(command.skip ? { skip: command.skip } : {}),
    };
  if ('count' in command) return { find: collection('count'), filter: command.query ?? {} };
  if ('distinct' in command) return { find: collection('distinct'), filter: command.query ?? {} };
  if ('findAndModify' in command)
    return { find: collection('findAndModify'), filter: command.query ?? {} };
  if ('update' in command)
    return { find: collection('update'), filter: (command.updates as Document[])[0]?.q ?? {} };
  if ('delete' in command)
    return { find: collection('delete'), filter: (command.deletes as Document[])[0]?.q ?? {} };
  if ('aggregate' in command) {
    const first = (command.pipeline as Document[])[0];
    return { find: collection('aggregate'), filter: first?.$match ?? {} };
  }
  return undefined;
}

export async function explainQuery(db: Db, query: Document): Promise<PlanSummary> {
  return summarisePlan(await db.command({ explain: query, verbosity: 'queryPlanner' }));
}
