import { z } from 'zod';
import { comparedOutputs } from '../../../rules/backtest/backtest';
import { withService } from '../connect';
import { defineCommand } from '../defineCommand';
import { CountArg, IdArg, idOption } from '../options';
import { print } from '../print';

export const backtestCommand = defineCommand({
  usage: 'backtest [--id ID] [--limit N] [--against published|stored]',
  summary: 'what the draft would change on the last N decided cases (default 1000)',
  options: { ...idOption, limit: { type: 'string' }, against: { type: 'string' } },
  schema: z.object({
    id: IdArg,
    limit: CountArg.default(1000),
    against: z.enum(['published', 'stored']).default('published'),
  }),
  run: ({ id, limit, against }) =>
    withService(async (service) => {
      const report = await service.backtest(id, { limit, against });
      print(
        `${report.changed} of ${report.cases} cases would change (draft against the ${against === 'published' ? 'latest published version' : 'stored decisions'}).`,
      );
      if (report.casesWithRuleErrors > 0)
        print(`${report.casesWithRuleErrors} cases hit rule errors in the draft.`);
      for (const output of comparedOutputs) {
        const { changed, examples } = report.outputs[output];
        print('', `${output}: ${changed} changed`);
        for (const e of examples) {
          print(
            `  ${e.caseId}: ${JSON.stringify(e.before)} (${e.beforeRuleIds.join(', ')}) ⇒ ${JSON.stringify(e.after)} (${e.afterRuleIds.join(', ')})`,
          );
        }
      }
      return 0;
    }),
});
