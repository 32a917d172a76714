import { z } from 'zod';
import { localize } from '../../../rules/model/localized';
import { withService } from '../connect';
import { defineCommand } from '../defineCommand';
import { LangArg, langOption } from '../options';
import { print, table, timestamp } from '../print';

export const listCommand = defineCommand({
  usage: 'list [--lang en|fr]',
  summary: 'the rule sets, their latest version and whether the draft has unpublished changes',
  options: { ...langOption },
  schema: z.object({ lang: LangArg }),
  run: ({ lang }) =>
    withService(async (service) => {
      const rows = (await service.listRuleSets()).map((s) => [
        s.id,
        localize(s.name, lang),
        String(s.rules),
        s.latestVersion === null ? '-' : String(s.latestVersion),
        s.publishedAt ? timestamp(s.publishedAt) : '-',
        s.author ?? '-',
        s.draftDiffers ? 'unpublished changes' : 'as published',
      ]);
      print(...table(['id', 'name', 'rules', 'version', 'published', 'by', 'draft'], rows));
      return 0;
    }),
});
