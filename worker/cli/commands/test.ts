import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { checkRuleSet } from '../../../rules/checks/checkRuleSet';
import { minutesInWords } from '../../../rules/describe/minutesInWords';
import { compileRuleSet } from '../../../rules/engine/compileRuleSet';
import type { Lang } from '../../../rules/model/channel';
import type { Decision } from '../../../rules/model/decision';
import { parseRuleSetJson } from '../../rules/ruleSetJson';
import { defaultCorpusPath, loadCorpus } from '../corpus';
import { defineCommand } from '../defineCommand';
import { LangArg, langOption, RequiredArg } from '../options';
import { countErrors, issueLines, print, table } from '../print';

export const testCommand = defineCommand({
  usage: 'test <file> [--corpus FILE] [--at ISO-TIME] [--lang en|fr]',
  summary:
    'offline: validate a rule set file, run the static checks and decide the sample contacts',
  options: { corpus: { type: 'string' }, at: { type: 'string' }, ...langOption },
  positionals: ['file'],
  schema: z.object({
    file: RequiredArg,
    corpus: z.string().default(defaultCorpusPath),
    // A Tuesday morning in Paris: within business hours, and the same result on every run.
    at: z.iso.datetime({ offset: true }).default('2026-03-10T10:00:00Z'),
    lang: LangArg,
  }),
  run: async ({ file, corpus, at, lang }) => {
    const ruleSet = parseRuleSetJson(await readFile(file, 'utf8'));
    const issues = checkRuleSet(ruleSet);
    print(`Rule set ${ruleSet.id} from ${file}`, '', ...issueLines(issues, lang), '');
    const compiled = compileRuleSet(ruleSet);
    const { contacts, skipped } = await loadCorpus(corpus, new Date(at));
    let contactsWithRuleErrors = 0;
    const rows = contacts.map(({ messageId, facts }) => {
      const { decision, errors } = compiled.evaluate(facts);
      if (errors.length > 0) contactsWithRuleErrors += 1;
      return [
        messageId,
        facts.channel,
        decision.queue,
        String(decision.priority),
        promiseInWords(decision, lang),
        decision.deflect === 'none' ? '' : decision.deflect,
        errors.map((e) => `${e.ruleId}: ${e.message}`).join('; '),
      ];
    });
    print(
      ...table(
        ['contact', 'channel', 'queue', 'priority', 'promise', 'deflect', 'rule errors'],
        rows,
      ),
      ...skipped.map((s) => `skipped line ${s.line} of the corpus: ${s.reason}`),
      '',
      `${contacts.length} contacts decided; ${countErrors(issues)} check errors, ${issues.length - countErrors(issues)} warnings, ${contactsWithRuleErrors} contacts with rule errors.`,
    );
    return countErrors(issues) > 0 || contactsWithRuleErrors > 0 ? 1 : 0;
  },
});

/** The first-response promise as a manager would say it. */
function promiseInWords({ promise }: Decision, lang: Lang): string {
  const words = minutesInWords(promise.firstResponseMinutes, lang);
  if (!promise.businessHours) return words;
  return lang === 'fr' ? `${words} ouvrées` : `${words} of business time`;
}
