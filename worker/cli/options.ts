import { z } from 'zod';
import { LangSchema } from '../../rules/model/channel';

/** Option specs and their validation, shared by the commands. */
export const idOption = { id: { type: 'string' } } as const;
export const langOption = { lang: { type: 'string' } } as const;
export const actorOption = { actor: { type: 'string' } } as const;

export const IdArg = z.string().min(1).default('default');
export const LangArg = LangSchema.default('en');
/** A designer user id; its role decides what the CLI may do. */
export const ActorArg = z.string().min(1).default('manager');

export const CountArg = z
  .string({ error: 'required' })
  .regex(/^[1-9]\d*$/, 'expected a whole number of at least 1')
  .transform(Number);

export const VersionArg = z.union([z.literal('draft'), CountArg], {
  error: 'expected a version number or "draft"',
});

export const RequiredArg = z.string({ error: 'required' }).min(1, 'required');
