import type { Db } from 'mongodb';
import { loadConfig } from '../config';
import type { Actor } from '../rules/actor';
import { RuleSetService } from '../rules/ruleSetService';
import { connectMongo } from '../store/mongo';
import { UserStore } from '../store/users';
import { CliError } from './cliErrors';

/** Connects to MONGODB_URI like the worker does, runs `fn`, and always disconnects. */
export async function withService<T>(
  fn: (service: RuleSetService, db: Db) => Promise<T>,
): Promise<T> {
  const mongo = await connectMongo(loadConfig().MONGODB_URI);
  try {
    return await fn(new RuleSetService(mongo.db), mongo.db);
  } finally {
    await mongo.close();
  }
}

/** The CLI acts as a designer user, with that user's role. */
export async function resolveActor(db: Db, userId: string): Promise<Actor> {
  const user = await new UserStore(db).get(userId);
  if (!user) throw new CliError(`no user "${userId}": pass --actor with a designer user's id`);
  // A disabled user may no more act from the command line than sign in to the designer.
  if (!user.enabled) throw new CliError(`user "${userId}" is disabled`);
  return { id: user._id, role: user.role };
}
