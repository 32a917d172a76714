import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { UsageError } from './cliErrors';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  /** "export [--id ID] [--version N|draft] [--out FILE]" */
  usage: string;
  summary: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  execute(argv: string[]): Promise<number>;
}

/**
 * A command whose options and positionals are validated by one zod schema, so that every value
 * reaches `run` typed and checked, and every mistake is reported as a usage error.
 */
export function defineCommand<S extends z.ZodType>(spec: {
  usage: string;
  summary: string;
  options?: Options;
  /** Names given to the positional arguments, in order. */
  positionals?: readonly string[];
  schema: S;
  run: (args: z.output<S>) => Promise<number>;
}): Command {
  const positionals = spec.positionals ?? [];
  return {
    usage: spec.usage,
    summary: spec.summary,
    async execute(argv) {
      const parsed = spec.schema.safeParse(
        readArgs(argv, spec.options ?? {}, positionals, spec.usage),
      );
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => {
          const name = String(issue.path[0] ?? '');
          const label = positionals.includes(name) ? `<${name}>` : `--${name}`;
          return `${label}: ${issue.message}`;
        });
        throw new UsageError(problems.join('\n'), spec.usage);
      }
      return spec.run(parsed.data);
    },
  };
}

function readArgs(argv: string[], options: Options, names: readonly string[], usage: string) {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message, usage);
  }
  const extra = parsed.positionals[names.length];
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`, usage);
  return {
    ...parsed.values,
    ...Object.fromEntries(names.map((name, i) => [name, parsed.positionals[i]])),
  };
}
