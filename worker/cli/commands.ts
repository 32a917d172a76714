import type { Command } from './defineCommand';
import { auditCommand } from './commands/audit';
import { backtestCommand } from './commands/backtest';
import { checkCommand } from './commands/check';
import { diffCommand } from './commands/diff';
import { exportCommand } from './commands/export';
import { historyCommand } from './commands/history';
import { importCommand } from './commands/import';
import { listCommand } from './commands/list';
import { publishCommand } from './commands/publish';
import { rollbackCommand } from './commands/rollback';
import { testCommand } from './commands/test';

/** Every command, in the order the help lists them. */
export const commands: Record<string, Command> = {
  list: listCommand,
  export: exportCommand,
  import: importCommand,
  test: testCommand,
  check: checkCommand,
  publish: publishCommand,
  rollback: rollbackCommand,
  history: historyCommand,
  diff: diffCommand,
  backtest: backtestCommand,
  audit: auditCommand,
};

export function helpText(): string {
  const width = Math.max(...Object.values(commands).map((c) => c.usage.length));
  return [
    'Usage: npm run rules -- <command> [options]',
    '',
    'Commands:',
    ...Object.values(commands).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --id ID        rule set id (default "default")',
    '  --actor USER   designer user the change is made as; only managers may change rules (default "manager")',
    '  --lang en|fr   language of messages and diffs (default en)',
    '',
    'Environment: as `npm start`: MONGODB_URI, else the embedded FerretDB on RELAIS_MONGO_PORT',
    '(default 27017), database relais; `test` needs no database.',
    'Exit codes: 0 done, 1 refused or failed, 2 wrong command line.',
    'With npm, use --out (or `npm run -s rules -- export`) to keep npm’s banner out of exported JSON.',
  ].join('\n');
}
