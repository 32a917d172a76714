import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ChannelSchema, LangSchema, SegmentSchema, TierSchema } from '$rules/model/channel';
import { blankContact, contactFromFacts, type SimContact } from '$lib/editor/simContact';
import type { Relais } from './relais';

export interface ContactChoice {
  key: string;
  label: string;
  contact: SimContact;
}

const SampleSchema = z.object({
  messageId: z.string(),
  channel: ChannelSchema,
  customer: z.object({ tier: TierSchema.optional(), segment: SegmentSchema.optional() }).optional(),
  lang: LangSchema.optional(),
  subject: z.string().nullable().optional(),
  text: z.string().min(1),
  ivrChoice: z.string().optional(),
  callbackRequested: z.boolean().optional(),
  label: z.object({ category: z.string().optional() }).optional(),
});

/** Where the shared sample corpus sits: beside the repository (CI) or as configured. */
function corpusPaths(): string[] {
  const fromEnv = process.env.RELAIS_CORPUS;
  const cwd = process.cwd();
  return [
    ...(fromEnv ? [fromEnv] : []),
    join(cwd, '..', 'shared', 'corpus', 'inbound-sample.jsonl'),
    join(cwd, '..', '..', 'shared', 'corpus', 'inbound-sample.jsonl'),
  ];
}

let cached: Promise<ContactChoice[]> | undefined;

/** The sample contacts of the shared corpus; none (not an error) when it is not there. */
export function sampleContacts(): Promise<ContactChoice[]> {
  cached ??= (async () => {
    for (const path of corpusPaths()) {
      const text = await readFile(path, 'utf8').catch(() => null);
      if (text === null) continue;
      return text.split('\n').flatMap((line): ContactChoice[] => {
        if (!line.trim()) return [];
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          return [];
        }
        const parsed = SampleSchema.safeParse(json);
        if (!parsed.success) return [];
        const s = parsed.data;
        const contact: SimContact = {
          ...blankContact(),
          channel: s.channel,
          category: s.ivrChoice ?? s.label?.category ?? '',
          subject: s.subject ?? '',
          text: s.text,
          language: s.lang ?? 'fr',
          customerTier: s.customer?.tier ?? 'standard',
          customerSegment: s.customer?.segment ?? 'B2C',
          callbackRequested: s.callbackRequested ?? false,
        };
        const gist = (s.subject || s.text).slice(0, 60);
        return [{ key: `sample:${s.messageId}`, label: `${s.channel} · ${gist}`, contact }];
      });
    }
    return [];
  })();
  return cached;
}

/** The latest real contacts, from the facts stored with their decisions. */
export async function recentContactChoices(relais: Relais, limit = 15): Promise<ContactChoice[]> {
  const docs = await relais.stores.decisions.latest(limit);
  return docs.map((doc) => ({
    key: `recent:${doc._id}`,
    label: `${doc.caseId.slice(0, 8).toUpperCase()} · ${doc.facts.channel} · ${(doc.facts.subject || doc.facts.text).slice(0, 50)}`,
    contact: contactFromFacts(doc.facts),
  }));
}
