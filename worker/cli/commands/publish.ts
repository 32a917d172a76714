import { z } from 'zod';
import { resolveActor, withService } from '../connect';
import { defineCommand } from '../defineCommand';
import {
  ActorArg,
  actorOption,
  IdArg,
  idOption,
  LangArg,
  langOption,
  RequiredArg,
} from '../options';
import { print } from '../print';

export const publishCommand = defineCommand({
  usage: 'publish --comment TEXT [--id ID] [--actor USER] [--lang en|fr]',
  summary: 'publish the draft as the next version, if the static checks find no errors',
  options: { comment: { type: 'string' }, ...idOption, ...actorOption, ...langOption },
  schema: z.object({ comment: RequiredArg, id: IdArg, actor: ActorArg, lang: LangArg }),
  run: ({ comment, id, actor, lang }) =>
    withService(async (service, db) => {
      const published = await service.publish(id, await resolveActor(db, actor), comment);
      print(`Published version ${published.version} of rule set ${id} by ${published.author}.`);
      if (published.version > 1) {
        const { summary } = await service.diff(id, published.version - 1, published.version, lang);
        print('', ...summary);
      }
      return 0;
    }),
});
