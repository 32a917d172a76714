import type { Channel, Lang } from '$rules/model/channel';
import type { CasePromise } from '$rules/model/decision';
import { caseRef, fillTemplate, renderAcknowledgement } from '$workflows/lib/promiseWords';
import { pickVariant, type MessageTemplate } from '$workflows/contracts/templates';

export interface PreviewInput {
  template: MessageTemplate | undefined;
  promise: Pick<CasePromise, 'firstResponseMinutes' | 'businessHours'>;
  lang: Lang;
  channel: Channel;
  name: string;
  now: Date;
  timezone?: string;
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
  const words = {
    name: input.name,
    lang: input.lang,
    timezone,
    firstResponseMinutes: input.promise.firstResponseMinutes,
    businessHours: input.promise.businessHours,
    dueAt,
    caseRef: ref,
  };
  const variant = pickVariant(input.template, input.channel, input.lang);
  return variant ? fillTemplate(variant.text, words) : renderAcknowledgement(words);
}
