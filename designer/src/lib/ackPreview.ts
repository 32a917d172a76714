import type { Channel, Lang } from '$rules/model/channel';
import type { CasePromise } from '$rules/model/decision';
import {
  caseRef,
  dueInWords,
  durationInWords,
  renderAcknowledgement,
} from '$workflows/lib/promiseWords';
import type { MessageTemplate } from './presets';

export interface PreviewInput {
  template: MessageTemplate | undefined;
  promise: Pick<CasePromise, 'firstResponseMinutes' | 'businessHours'>;
  lang: Lang;
  channel: Channel;
  name: string;
  now: Date;
  timezone?: string;
}

/** The variant for the channel and language, else any channel in that language. */
export function pickVariant(template: MessageTemplate | undefined, channel: Channel, lang: Lang) {
  return (
    template?.variants.find((v) => v.channel === channel && v.lang === lang) ??
    template?.variants.find((v) => v.channel === 'any' && v.lang === lang)
  );
}

/**
 * The acknowledgement as the customer would read it: the template's text with its placeholders
 * filled, or the built-in text the worker sends when no template applies. Deadlines are shown
 * in clock time (the preview does not count business hours).
 */
export function previewAcknowledgement(input: PreviewInput): string {
  const timezone = input.timezone ?? 'Europe/Paris';
  const dueAt = new Date(input.now.getTime() + input.promise.firstResponseMinutes * 60_000);
  const ref = caseRef('4f2a9c1e-0000-0000-0000-000000000000');
  const variant = pickVariant(input.template, input.channel, input.lang);
  if (!variant) {
    return renderAcknowledgement({
      name: input.name,
      lang: input.lang,
      timezone,
      firstResponseMinutes: input.promise.firstResponseMinutes,
      businessHours: input.promise.businessHours,
      dueAt,
      caseRef: ref,
    });
  }
  const values: Record<string, string> = {
    name: input.name,
    promise: durationInWords(input.promise.firstResponseMinutes, input.lang),
    due: dueInWords(dueAt, timezone, input.lang),
    ref,
  };
  return variant.text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
