/**
 * Decisions per second and p99 latency of our decide() against json-rules-engine used naively
 * (a new Engine per call), json-rules-engine with one reused Engine, and GoRules zen-engine on an
 * equivalent decision table, for generated rule sets of 10, 100 and 1,000 rules.
 *
 * Run with `npm run bench:rules`. Prints a markdown table and writes tests/artifacts/bench-rules.json.
 * Every runner returns the same merged outputs (checked before timing), so they do the same work,
 * except that decide() also builds the full explanation (every rule, every condition). The rules
 * use only tests all four can express alike: enum lists, a numeric threshold, a numeric range.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { ZenEngine } from '@gorules/zen-engine';
import { Engine, type NestedCondition, type RuleProperties } from 'json-rules-engine';
import { createDecider } from '../../rules/engine/Decider';
import type { Action } from '../../rules/model/actions';
import { type Channel, channels } from '../../rules/model/channel';
import type { LeafCondition } from '../../rules/model/conditions';
import type { Facts } from '../../rules/model/facts';
import type { Rule, RuleSet } from '../../rules/model/ruleSet';
import { defaultRuleSet } from '../../rules/defaults/defaultRuleSet';

const sizes = [10, 100, 1000];
/** Per runner and size: stop after this long or this many decisions, whichever comes first. */
const budgetMs = 2_500;
const maxIterations = 20_000;
const warmup = 20;

/** Deterministic pseudo-random numbers (mulberry32), so every run benches the same rules. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const tiers = ['standard', 'premium', 'vip'] as const;

interface GeneratedRule {
  rule: Rule;
  channels: Channel[] | null;
  tiers: string[] | null;
  minAnger: number | null;
  contacts: [number, number] | null;
}

function generateRules(count: number): GeneratedRule[] {
  const next = random(count);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const g: Omit<GeneratedRule, 'rule'> = {
      channels: next() < 0.7 ? [pick(channels), pick(channels)] : null,
      tiers: next() < 0.4 ? [pick(tiers)] : null,
      minAnger: next() < 0.4 ? Math.round(next() * 10) / 10 : null,
      contacts: null,
    };
    if (!g.channels && !g.tiers && !g.minAnger)
      g.contacts = [Math.floor(next() * 3), 3 + Math.floor(next() * 5)];
    const leaves: LeafCondition[] = [];
    if (g.channels) leaves.push({ fact: 'channel', operator: 'in', value: g.channels });
    if (g.tiers) leaves.push({ fact: 'customerTier', operator: 'in', value: g.tiers });
    if (g.minAnger !== null)
      leaves.push({ fact: 'angerScore', operator: 'greaterThanInclusive', value: g.minAnger });
    if (g.contacts)
      leaves.push({ fact: 'contactsLast7Days', operator: 'between', value: g.contacts });
    const actions: Action[] = [
      pick<Action>([
        { type: 'setPriority', priority: 1 + Math.floor(next() * 5) },
        { type: 'route', queue: `queue-${i % 7}`, skills: [] },
        { type: 'tag', tags: [`tag-${i % 11}`] },
        { type: 'raisePriority', steps: 1 },
      ]),
    ];
    const rule: Rule = {
      id: `r${i}`,
      name: { fr: `Règle ${i}`, en: `Rule ${i}` },
      description: { fr: '', en: '' },
      enabled: true,
      isDefault: false,
      conditions: { all: leaves },
      actions,
    };
    return { ...g, rule };
  });
}

function generateFacts(count: number): Facts[] {
  const next = random(7);
  return Array.from({ length: count }, () => ({
    channel: channels[Math.floor(next() * channels.length)] as Channel,
    previousChannel: null,
    category: null,
    subject: '',
    text: 'Bonjour',
    language: 'fr',
    customerTier: tiers[Math.floor(next() * tiers.length)] as (typeof tiers)[number],
    customerSegment: 'B2C',
    openCases: 0,
    contactsLast7Days: Math.floor(next() * 8),
    lastCsat: null,
    sentiment: 0,
    angerScore: Math.round(next() * 100) / 100,
    withinBusinessHours: true,
    channelSwitches: 0,
    minutesWaiting: 0,
    callbackRequested: false,
    receivedAt: '2026-03-10T10:00:00.000Z',
    lastContactAt: null,
  }));
}

/** The merge semantics on the ids of fired rules, for the runners that only say which fired. */
function merge(firedIds: readonly string[], byId: ReadonlyMap<string, Rule>) {
  let priority: number | undefined;
  let queue: string | undefined;
  let raise = 0;
  const tags = new Set<string>();
  for (const id of firedIds) {
    for (const action of byId.get(id)?.actions ?? []) {
      if (action.type === 'setPriority') priority ??= action.priority;
      else if (action.type === 'route') queue ??= action.queue;
      else if (action.type === 'tag') action.tags.forEach((t) => tags.add(t));
      else if (action.type === 'raisePriority') raise += action.steps;
    }
  }
  return {
    priority: Math.min(5, Math.max(1, (priority ?? 3) - raise)),
    queue: queue ?? 'general',
    tags: [...tags],
  };
}
type Outputs = ReturnType<typeof merge>;

function jreRules(generated: readonly GeneratedRule[]): RuleProperties[] {
  return generated.map(({ rule, channels: c, tiers: t, minAnger, contacts }, index) => {
    const all: NestedCondition[] = [];
    if (c) all.push({ fact: 'channel', operator: 'in', value: c });
    if (t) all.push({ fact: 'customerTier', operator: 'in', value: t });
    if (minAnger !== null)
      all.push({ fact: 'angerScore', operator: 'greaterThanInclusive', value: minAnger });
    if (contacts) {
      all.push({ fact: 'contactsLast7Days', operator: 'greaterThanInclusive', value: contacts[0] });
      all.push({ fact: 'contactsLast7Days', operator: 'lessThanInclusive', value: contacts[1] });
    }
    return {
      name: rule.id,
      priority: 1,
      conditions: { all },
      event: { type: rule.id, params: { index } },
    };
  });
}

async function runJre(
  engine: Engine,
  facts: Facts,
  byId: ReadonlyMap<string, Rule>,
): Promise<Outputs> {
  const { events } = await engine.run(facts);
  const fired = events.map((e) => e.params as { index: number }).sort((a, b) => a.index - b.index);
  return merge(
    fired.map((p) => `r${p.index}`),
    byId,
  );
}

/** The same rules as one JDM decision table with the "collect" hit policy. */
function zenTable(generated: readonly GeneratedRule[]) {
  const list = (values: readonly string[]) => values.map((v) => JSON.stringify(v)).join(',');
  return {
    nodes: [
      { id: 'in', type: 'inputNode', name: 'Request', position: { x: 0, y: 0 } },
      {
        id: 'table',
        type: 'decisionTableNode',
        name: 'Rules',
        position: { x: 200, y: 0 },
        content: {
          hitPolicy: 'collect',
          inputs: [
            { id: 'channel', name: 'Channel', field: 'channel' },
            { id: 'tier', name: 'Tier', field: 'customerTier' },
            { id: 'anger', name: 'Anger', field: 'angerScore' },
            { id: 'contacts', name: 'Contacts', field: 'contactsLast7Days' },
          ],
          outputs: [{ id: 'rule', name: 'Rule', field: 'rule' }],
          rules: generated.map(({ rule, channels: c, tiers: t, minAnger, contacts }) => ({
            _id: rule.id,
            channel: c ? list(c) : '',
            tier: t ? list(t) : '',
            anger: minAnger !== null ? `>= ${minAnger}` : '',
            contacts: contacts ? `[${contacts[0]}..${contacts[1]}]` : '',
            rule: JSON.stringify(rule.id),
          })),
        },
      },
      { id: 'out', type: 'outputNode', name: 'Response', position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: 'e1', sourceId: 'in', targetId: 'table', type: 'edge' },
      { id: 'e2', sourceId: 'table', targetId: 'out', type: 'edge' },
    ],
  };
}

interface Measure {
  rules: number;
  runner: string;
  iterations: number;
  decisionsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function measure(
  runner: string,
  rules: number,
  facts: Facts[],
  once: (f: Facts) => Promise<unknown>,
): Promise<Measure> {
  for (let i = 0; i < warmup; i++) await once(facts[i % facts.length] as Facts);
  const latencies: number[] = [];
  const started = performance.now();
  while (latencies.length < maxIterations && performance.now() - started < budgetMs) {
    const t0 = performance.now();
    await once(facts[latencies.length % facts.length] as Facts);
    latencies.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] as number;
  return {
    rules,
    runner,
    iterations: latencies.length,
    decisionsPerSecond: Math.round((latencies.length / elapsed) * 1000),
    p50Ms: Number(at(0.5).toFixed(3)),
    p99Ms: Number(at(0.99).toFixed(3)),
  };
}

const results: Measure[] = [];
const facts = generateFacts(500);
const defaultRule = defaultRuleSet.rules.at(-1) as Rule;
for (const size of sizes) {
  const generated = generateRules(size);
  const byId = new Map(generated.map((g) => [g.rule.id, g.rule]));
  const ruleSet: RuleSet = {
    id: `bench-${size}`,
    name: { fr: 'Bench', en: 'Bench' },
    version: 1,
    rules: [...generated.map((g) => g.rule), defaultRule],
  };
  const decider = createDecider();
  const ours = async (f: Facts): Promise<Outputs> => {
    const d = await decider.decide(ruleSet, f);
    return { priority: d.priority, queue: d.queue, tags: d.tags };
  };
  const jre = jreRules(generated);
  const naive = (f: Facts) => runJre(new Engine(jre), f, byId);
  const reusedEngine = new Engine(jre);
  const reused = (f: Facts) => runJre(reusedEngine, f, byId);
  const zenEngine = new ZenEngine();
  const table = zenEngine.createDecision(zenTable(generated));
  const zen = async (f: Facts): Promise<Outputs> => {
    const { result } = await table.evaluate(f);
    return merge(
      (result as { rule: string }[]).map((r) => r.rule),
      byId,
    );
  };
  const runners = {
    'decide() (compiled, cached)': ours,
    'json-rules-engine, new Engine per call': naive,
    'json-rules-engine, reused Engine': reused,
    'zen-engine decision table': zen,
  };

  for (const f of facts.slice(0, 50)) {
    const expected = JSON.stringify(await ours(f));
    for (const [name, run] of Object.entries(runners)) {
      const got = JSON.stringify(await run(f));
      if (got !== expected)
        throw new Error(`${name} disagrees with decide() on ${size} rules: ${got} ≠ ${expected}`);
    }
  }
  for (const [name, run] of Object.entries(runners)) {
    const m = await measure(name, size, facts, run);
    results.push(m);
    console.error(
      `${size} rules · ${name}: ${m.decisionsPerSecond}/s, p99 ${m.p99Ms} ms (${m.iterations} runs)`,
    );
  }
  zenEngine.dispose();
}

const naiveRate = (rules: number) =>
  results.find((r) => r.rules === rules && r.runner.includes('new Engine'))?.decisionsPerSecond ??
  NaN;
const rows = results.map((r) => ({
  ...r,
  vsNaive: Number((r.decisionsPerSecond / naiveRate(r.rules)).toFixed(1)),
}));
const table = [
  '| Rules | Runner | Decisions/s | p50 (ms) | p99 (ms) | × naive |',
  '|---:|---|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.rules} | ${r.runner} | ${r.decisionsPerSecond.toLocaleString('en')} | ${r.p50Ms} | ${r.p99Ms} | ${r.vsNaive} |`,
  ),
].join('\n');
console.log(table);
mkdirSync('tests/artifacts', { recursive: true });
writeFileSync(
  'tests/artifacts/bench-rules.json',
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      budgetMs,
      maxIterations,
      results: rows,
    },
    null,
    2,
  ),
);
