/** The command line was wrong: exit code 2, with the usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command could not do its job for a reason the user can act on: exit code 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;
