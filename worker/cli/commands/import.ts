import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { resolveActor, withService } from '../connect';
import { defineCommand } from '../defineCommand';
import { ActorArg, actorOption, LangArg, langOption, RequiredArg } from '../options';
import { countErrors, issueLines, print } from '../print';

export const importCommand = defineCommand({
  usage: 'import <file> [--actor USER] [--lang en|fr]',
  summary: 'make a JSON file the draft of its rule set, and show its static checks',
  options: { ...actorOption, ...langOption },
  positionals: ['file'],
  schema: z.object({ file: RequiredArg, actor: ActorArg, lang: LangArg }),
  run: async ({ file, actor, lang }) => {
    const json = await readFile(file, 'utf8');
    return withService(async (service, db) => {
      const { ruleSet, issues, changed } = await service.importRuleSet(
        json,
        await resolveActor(db, actor),
      );
      print(
        changed
          ? `Imported ${file} as the draft of rule set ${ruleSet.id}.`
          : `The draft of rule set ${ruleSet.id} already matches ${file}; nothing changed.`,
        '',
        ...issueLines(issues, lang),
      );
      if (countErrors(issues) > 0) print('', 'Publishing is refused until the errors are fixed.');
      return 0;
    });
  },
});
