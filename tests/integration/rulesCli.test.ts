import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../launcher/paths';
import type { RuleSet } from '../../rules/model/ruleSet';
import { RuleSetService } from '../../worker/rules/ruleSetService';
import { mongoUriFor } from '../../worker/config';
import { seedIfEmpty } from '../../worker/seed/seed';
import { connectMongo, type Mongo } from '../../worker/store/mongo';
import { createStores } from '../../worker/store/stores';
import { addQueues } from '../support/catalogueFixtures';
import { freshDatabase } from '../support/relaisWorker';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dir: string;
let mongo: Mongo;
let uri: string;
let service: RuleSetService;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'relais-rules-cli-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  ({ mongo, uri } = await freshDatabase());
  service = new RuleSetService(mongo.db);
  // Publishing checks the queues rules name against the routing catalogue.
  await addQueues(mongo.db, 'billing-cli', 'x');
});

afterEach(async () => {
  await mongo.close();
});

/** The CLI as `npm run rules` starts it, in its own process, against `mongoUri`. */
function rules(args: string[], mongoUri = uri): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'worker/cli/rules-cli.ts', ...args],
      { cwd: repoRoot, env: { ...process.env, MONGODB_URI: mongoUri } },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function writeRuleSet(name: string, ruleSet: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof ruleSet === 'string' ? ruleSet : JSON.stringify(ruleSet, null, 2));
  return file;
}

async function exportedWithBillingTo(queue: string): Promise<RuleSet> {
  const ruleSet = JSON.parse(await service.exportRuleSet('default')) as RuleSet;
  return {
    ...ruleSet,
    rules: ruleSet.rules.map((rule) =>
      rule.id === 'route-billing'
        ? { ...rule, actions: [{ type: 'route', queue, skills: [] }] }
        : rule,
    ),
  };
}

describe('rules CLI against the database', () => {
  it('exports, imports, publishes, lists history, diffs, rolls back and shows the audit', async () => {
    const exported = await rules(['export']);
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    expect(exported.stdout).toBe(await service.exportRuleSet('default', 1));
    const out = join(dir, 'v1.json');
    const written = await rules(['export', '--version', '1', '--out', out]);
    expect(written.stdout).toContain(`Wrote version 1 of rule set default to ${out}`);
    expect(readFileSync(out, 'utf8')).toBe(exported.stdout);

    const file = writeRuleSet('billing.json', await exportedWithBillingTo('billing-cli'));
    const imported = await rules(['import', file]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported');
    expect(imported.stdout).toContain('No issues.');

    const published = await rules(['publish', '--comment', 'Billing queue from the CLI']);
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('Published version 2 of rule set default by manager.');
    expect(published.stdout).toMatch(/Changed — .*billing-cli/);

    const history = await rules(['history']);
    expect(history.stdout.split('\n').slice(2, 4)).toEqual([
      expect.stringMatching(/^2 .* manager +Billing queue from the CLI$/),
      expect.stringMatching(/^1 .* relais /),
    ]);
    expect((await rules(['diff', '1', '2', '--lang', 'fr'])).stdout).toMatch(/^Modifiée — /);
    expect((await rules(['diff', '2', 'draft'])).stdout).toBe('No differences in the rules.\n');

    const rolledBack = await rules(['rollback', '--to', '1', '--comment', 'Undo']);
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.stdout).toContain('published as version 3');
    expect((await service.version('default', 3)).copiedFrom).toBe(1);

    const audit = await rules(['audit']);
    expect(audit.stdout).toMatch(/manager \(manager\) {2}rollback version 3 \(copy of version 1\)/);
    expect(audit.stdout).toMatch(/manager \(manager\) {2}publish version 2\n {2}“Billing queue/);
    expect(audit.stdout).toMatch(/manager \(manager\) {2}import\n/);
    expect((await rules(['list'])).stdout).toMatch(/default +Default rules +\d+ +3 /);
  });

  it('imports a draft with errors, shows them, and refuses to publish it', async () => {
    const broken = await exportedWithBillingTo('billing');
    broken.rules[1] = {
      ...broken.rules[1]!,
      conditions: { all: [{ fact: 'mood', operator: 'equal', value: 'angry' }] },
    };
    const imported = await rules(['import', writeRuleSet('broken.json', broken)]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/error +UNKNOWN_FACT dispute all\[0\]: Unknown fact "mood"/);
    expect(imported.stdout).toContain('Publishing is refused until the errors are fixed.');

    const check = await rules(['check']);
    expect(check.code).toBe(1);

    const published = await rules(['publish', '--comment', 'broken']);
    expect(published.code).toBe(1);
    expect(published.stderr).toContain('cannot publish: the static checks found 1 error(s)');
    expect(published.stderr).toContain('UNKNOWN_FACT dispute all[0]');
    expect((await service.history('default')).length).toBe(1);
  });

  it('changes rules only as a manager known to the designer', async () => {
    await service.importRuleSet(JSON.stringify(await exportedWithBillingTo('x')), {
      id: 'manager',
      role: 'manager',
    });
    const asAgent = await rules(['publish', '--comment', 'mine', '--actor', 'agent']);
    expect(asAgent.code).toBe(1);
    expect(asAgent.stderr).toContain('agent (agent) may not publish rule sets');
    const asGhost = await rules(['publish', '--comment', 'mine', '--actor', 'ghost']);
    expect(asGhost.code).toBe(1);
    expect(asGhost.stderr).toContain('no user "ghost"');
    expect((await service.history('default')).length).toBe(1);
  });

  it('explains bad JSON, bad command lines and unknown versions with exit codes', async () => {
    const badJson = await rules(['import', writeRuleSet('bad.json', '{\n  "id": "x",\n}')]);
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toContain('not valid JSON');
    expect(badJson.stderr).toContain('line 3 column 1');

    const unknown = await rules(['frobnicate']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const noVersion = await rules(['rollback', '--comment', 'x']);
    expect(noVersion.code).toBe(2);
    expect(noVersion.stderr).toContain('--to: required');
    expect(noVersion.stderr).toContain('usage: npm run rules -- rollback --to N');
    expect((await rules([])).code).toBe(2);
    expect(await rules(['help'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Commands:') as string,
    });

    const missing = await rules(['export', '--version', '9']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('version 9 of rule set "default" does not exist');
  });
});

describe('rules CLI configuration', () => {
  it('acts on the database `npm start` uses: the FerretDB on RELAIS_MONGO_PORT, database relais', async () => {
    // The run's FerretDB, reached the way `npm start` configures it: a port, no MONGODB_URI.
    const port = new URL(inject('mongoUri')).port;
    const relaisDb = await connectMongo(mongoUriFor(Number(port)));
    try {
      const stores = createStores(relaisDb.db);
      await seedIfEmpty(stores, () => {});
      await addQueues(relaisDb.db, 'billing-cli');
      const before = await new RuleSetService(relaisDb.db).history('default');
      const { MONGODB_URI: _ignored, ...env } = process.env;
      const cli = (args: string[]) =>
        new Promise<Run>((resolve) =>
          execFile(
            process.execPath,
            ['--import', 'tsx', 'worker/cli/rules-cli.ts', ...args],
            { cwd: repoRoot, env: { ...env, RELAIS_MONGO_PORT: port } },
            (error, stdout, stderr) =>
              resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
          ),
        );
      const comment = `from the CLI ${randomUUID()}`;
      const draft = writeRuleSet('configured.json', await exportedWithBillingTo('billing-cli'));
      expect((await cli(['import', draft])).code).toBe(0);
      expect(await cli(['publish', '--comment', comment])).toMatchObject({ code: 0 });
      const after = await new RuleSetService(relaisDb.db).history('default');
      expect(after).toHaveLength(before.length + 1);
      expect((await cli(['history'])).stdout).toContain(comment);
    } finally {
      await relaisDb.close();
    }
  });
});

describe('rules CLI test command', () => {
  // No database: a port nothing listens on proves the command never connects.
  const offline = 'mongodb://127.0.0.1:9/unused';

  it('checks a file and decides the sample corpus, offline', async () => {
    const file = writeRuleSet('default.json', await service.exportRuleSet('default'));
    const run = await rules(['test', file], offline);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No issues.');
    expect(run.stdout).toMatch(/contact +channel +queue +priority +promise/);
    expect(run.stdout).toMatch(/sample-004 +webform +billing +2 +48 h/);
    expect(run.stdout).toMatch(/sample-023 +mail +billing +2 +45 h of business time/);
    expect(run.stdout).toMatch(/32 contacts decided; 0 check errors/);
  });

  it('fails on check errors and on files that are not rule sets', async () => {
    const ruleSet = JSON.parse(await service.exportRuleSet('default')) as RuleSet;
    const noDefault = { ...ruleSet, rules: ruleSet.rules.slice(0, -1) };
    const run = await rules(['test', writeRuleSet('no-default.json', noDefault)], offline);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('NO_DEFAULT_RULE');
    expect(run.stderr).toContain('cannot decide');

    const schema = await rules(
      ['test', writeRuleSet('not-a-rule-set.json', { id: 'x', rules: 'none' })],
      offline,
    );
    expect(schema.code).toBe(1);
    expect(schema.stderr).toContain('name: Invalid input');
    expect(schema.stderr).toContain('rules: Invalid input: expected array');
  });
});
