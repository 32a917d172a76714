import { z } from 'zod';
import { resolveActor, withService } from '../connect';
import { defineCommand } from '../defineCommand';
import { ActorArg, actorOption, CountArg, IdArg, idOption, RequiredArg } from '../options';
import { print } from '../print';

export const rollbackCommand = defineCommand({
  usage: 'rollback --to N --comment TEXT [--id ID] [--actor USER]',
  summary: 'publish a copy of version N as the next version, and make it the draft',
  options: { to: { type: 'string' }, comment: { type: 'string' }, ...idOption, ...actorOption },
  schema: z.object({
    to: CountArg,
    comment: RequiredArg,
    id: IdArg,
    actor: ActorArg,
  }),
  run: ({ to, comment, id, actor }) =>
    withService(async (service, db) => {
      const published = await service.rollback(id, to, await resolveActor(db, actor), comment);
      print(
        `Rolled rule set ${id} back to version ${to}: published as version ${published.version}; the draft is reset to it.`,
      );
      return 0;
    }),
});
