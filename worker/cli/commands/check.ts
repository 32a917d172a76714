import { z } from 'zod';
import { withService } from '../connect';
import { defineCommand } from '../defineCommand';
import { IdArg, idOption, LangArg, langOption } from '../options';
import { countErrors, issueLines, print } from '../print';

export const checkCommand = defineCommand({
  usage: 'check [--id ID] [--lang en|fr]',
  summary: 'the static checks of the draft; fails when publishing would be refused',
  options: { ...idOption, ...langOption },
  schema: z.object({ id: IdArg, lang: LangArg }),
  run: ({ id, lang }) =>
    withService(async (service) => {
      const issues = await service.check(id);
      print(...issueLines(issues, lang));
      return countErrors(issues) > 0 ? 1 : 0;
    }),
});
