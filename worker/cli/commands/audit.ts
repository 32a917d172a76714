import { z } from 'zod';
import { withService } from '../connect';
import { defineCommand } from '../defineCommand';
import { CountArg, IdArg, idOption, LangArg, langOption } from '../options';
import { print, timestamp } from '../print';

export const auditCommand = defineCommand({
  usage: 'audit [--id ID] [--limit N] [--lang en|fr]',
  summary: 'who changed the rule set, when and how, newest first (default 20 entries)',
  options: { ...idOption, limit: { type: 'string' }, ...langOption },
  schema: z.object({ id: IdArg, limit: CountArg.default(20), lang: LangArg }),
  run: ({ id, limit, lang }) =>
    withService(async (service) => {
      const entries = await service.auditLog(id, limit);
      if (entries.length === 0) print(`No changes recorded for rule set ${id}.`);
      for (const e of entries) {
        const version = e.version === null ? '' : ` version ${e.version}`;
        const copy = e.copiedFrom === null ? '' : ` (copy of version ${e.copiedFrom})`;
        print(`${timestamp(e.at)}  ${e.actor.id} (${e.actor.role})  ${e.action}${version}${copy}`);
        if (e.comment) print(`  “${e.comment}”`);
        print(...e.diff[lang].map((line) => `  ${line}`), '');
      }
      return 0;
    }),
});
