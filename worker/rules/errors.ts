import type { Issue } from '../../rules/checks/issue';

/** Stable codes, so that the designer can map them to HTTP statuses and the CLI to messages. */
export type RuleSetErrorCode =
  'INVALID_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'CHECKS_FAILED' | 'NO_CHANGES' | 'PUBLISH_CONFLICT';

export interface Problem {
  /** Where in the input: "rules[2].conditions.all[0].operator", or "" for the whole input. */
  path: string;
  message: string;
}

/** Why the rule set service refused a request; nothing was written. */
export class RuleSetError extends Error {
  constructor(
    readonly code: RuleSetErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RuleSetError';
  }
}

export class InvalidInputError extends RuleSetError {
  constructor(
    summary: string,
    readonly problems: Problem[],
  ) {
    super('INVALID_INPUT', `${summary}:\n${problems.map(formatProblem).join('\n')}`);
  }
}

export class NotFoundError extends RuleSetError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} does not exist`);
  }
}

export class ForbiddenError extends RuleSetError {
  constructor(actor: { id: string; role: string }, action: string) {
    super('FORBIDDEN', `${actor.id} (${actor.role}) may not ${action}: only managers may`);
  }
}

/** The static checks found errors; `issues` holds every finding, warnings included. */
export class ChecksFailedError extends RuleSetError {
  constructor(
    action: string,
    readonly issues: Issue[],
  ) {
    const errors = issues.filter((issue) => issue.severity === 'error');
    super(
      'CHECKS_FAILED',
      `cannot ${action}: the static checks found ${errors.length} error(s):\n` +
        errors.map(formatIssue).join('\n'),
    );
  }
}

export class NoChangesError extends RuleSetError {
  constructor(ruleSetId: string, version: number) {
    super('NO_CHANGES', `rule set ${ruleSetId} is already exactly version ${version}`);
  }
}

/** Someone else published this number first; the caller should review and try again. */
export class PublishConflictError extends RuleSetError {
  constructor(
    ruleSetId: string,
    readonly version: number,
  ) {
    super(
      'PUBLISH_CONFLICT',
      `version ${version} of rule set ${ruleSetId} was published by someone else at the same moment; review the changes and publish again`,
    );
  }
}

function formatIssue(issue: Issue): string {
  const where = [issue.ruleId ?? '(rule set)', issue.path].filter(Boolean).join(' ');
  return `  ${where}: ${issue.message.en}`;
}

function formatProblem(problem: Problem): string {
  return `  ${problem.path || '(root)'}: ${problem.message}`;
}
