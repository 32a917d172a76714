import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isWithinBusinessHours } from '../../rules/calendar/businessHours';
import { defaultCalendar } from '../../rules/calendar/defaultCalendar';
import { buildFacts } from '../../rules/facts/buildFacts';
import { ChannelSchema, LangSchema, SegmentSchema, TierSchema } from '../../rules/model/channel';
import type { Facts } from '../../rules/model/facts';

/** The shared sample corpus, beside the repository as in CI. */
export const defaultCorpusPath = fileURLToPath(
  new URL('../../../shared/corpus/inbound-sample.jsonl', import.meta.url),
);

/** What a corpus line must hold to be decided; other fields are ignored. */
const SampleSchema = z.object({
  messageId: z.string().min(1),
  channel: ChannelSchema,
  lang: LangSchema,
  subject: z.string().nullable(),
  text: z.string(),
  customer: z.object({
    tier: TierSchema.default('standard'),
    segment: SegmentSchema.default('B2C'),
  }),
  ivrChoice: z.string().optional(),
  formCategory: z.string().optional(),
  callbackRequested: z.unknown().optional(),
});

export interface SampleContact {
  messageId: string;
  facts: Facts;
}

export interface Corpus {
  contacts: SampleContact[];
  /** Lines that cannot be a contact for the rules, with the reason. */
  skipped: { line: number; reason: string }[];
}

/** Each line as the facts of a first contact received at `at`, with no history. */
export async function loadCorpus(path: string, at: Date): Promise<Corpus> {
  const corpus: Corpus = { contacts: [], skipped: [] };
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines.forEach((text, index) => {
    if (!text.trim()) return;
    const line = index + 1;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      corpus.skipped.push({ line, reason: (err as Error).message });
      return;
    }
    const parsed = SampleSchema.safeParse(json);
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      corpus.skipped.push({ line, reason: `${issue?.path.join('.')}: ${issue?.message}` });
      return;
    }
    corpus.contacts.push({ messageId: parsed.data.messageId, facts: toFacts(parsed.data, at) });
  });
  return corpus;
}

function toFacts(sample: z.infer<typeof SampleSchema>, at: Date): Facts {
  return buildFacts({
    message: {
      channel: sample.channel,
      previousChannel: null,
      category: sample.ivrChoice ?? sample.formCategory ?? null,
      subject: sample.subject ?? '',
      text: sample.text,
      lang: sample.lang,
      receivedAt: at.toISOString(),
      callbackRequested: sample.callbackRequested !== undefined,
    },
    customer: { ...sample.customer, lastCsat: null },
    history: { openCases: 0, contactsLast7Days: 0, channelSwitches: 0, minutesWaiting: 0 },
    withinBusinessHours: isWithinBusinessHours(defaultCalendar, at),
  });
}
