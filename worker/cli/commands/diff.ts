import { z } from 'zod';
import { withService } from '../connect';
import { defineCommand } from '../defineCommand';
import { IdArg, idOption, LangArg, langOption, VersionArg } from '../options';
import { print } from '../print';

export const diffCommand = defineCommand({
  usage: 'diff <A> <B> [--id ID] [--lang en|fr]',
  summary: 'what changed from version A to version B (numbers, or "draft"), in plain language',
  options: { ...idOption, ...langOption },
  positionals: ['A', 'B'],
  schema: z.object({ A: VersionArg, B: VersionArg, id: IdArg, lang: LangArg }),
  run: ({ A, B, id, lang }) =>
    withService(async (service) => {
      const { summary } = await service.diff(id, A, B, lang);
      print(...(summary.length > 0 ? summary : ['No differences in the rules.']));
      return 0;
    }),
});
