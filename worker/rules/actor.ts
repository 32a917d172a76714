import { z } from 'zod';
import { RoleSchema } from '../store/role';
import { ForbiddenError, InvalidInputError } from './errors';
import { zodProblems } from './zodProblems';

/** Who asks for a change to a rule set: a designer user, or the CLI acting as one. */
export const ActorSchema = z.object({ id: z.string().min(1), role: RoleSchema });
export type Actor = z.infer<typeof ActorSchema>;

/**
 * Rule sets decide who waits and for how long: only managers change them. Checked again at run
 * time, since the actor comes from a session or a command line.
 */
export function requireManager(actor: Actor, action: string): Actor {
  const parsed = ActorSchema.safeParse(actor);
  if (!parsed.success)
    throw new InvalidInputError('the actor is not valid', zodProblems(parsed.error, 'actor'));
  if (parsed.data.role !== 'manager') throw new ForbiddenError(parsed.data, action);
  return parsed.data;
}
