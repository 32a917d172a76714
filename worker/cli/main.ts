import { RulesError } from '../../rules/errors';
import { ChecksFailedError, RuleSetError } from '../rules/errors';
import { CliError, exitCodes, UsageError } from './cliErrors';
import { commands, helpText } from './commands';
import { issueLines } from './print';

/** Runs one command line; resolves to the exit code, never throws. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const out = name === undefined ? process.stderr : process.stdout;
    out.write(`${helpText()}\n`);
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  const command = commands[name];
  if (!command) return usageError(new UsageError(`unknown command "${name}"`));
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`Usage: npm run rules -- ${command.usage}\n  ${command.summary}\n`);
    return exitCodes.ok;
  }
  try {
    return await command.execute(rest);
  } catch (err) {
    if (err instanceof UsageError) return usageError(err);
    process.stderr.write(`error: ${describe(err)}\n`);
    return exitCodes.failed;
  }
}

function usageError(err: UsageError): number {
  process.stderr.write(`error: ${err.message}\n`);
  if (err.usage) process.stderr.write(`usage: npm run rules -- ${err.usage}\n`);
  process.stderr.write('Run `npm run rules -- help` for every command.\n');
  return exitCodes.usage;
}

const fileErrors: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent is not a directory',
};

function describe(err: unknown): string {
  if (err instanceof ChecksFailedError)
    return `${err.message.split('\n')[0]}\n${issueLines(err.issues, 'en').join('\n')}`;
  if (err instanceof RuleSetError || err instanceof CliError || err instanceof RulesError)
    return err.message;
  const { code, path } = err as NodeJS.ErrnoException;
  const reason = code ? fileErrors[code] : undefined;
  if (reason && path) return `cannot use ${path}: ${reason}`;
  return err instanceof Error ? err.message : String(err);
}
