import type { WaitingReason } from '../../../../../workflows/contracts/routing';
import type { Messages } from '../../../lib/i18n/en';

/** Why an item waits, in words, with the skill's label rather than its id. */
export function reasonText(
  reason: WaitingReason,
  t: Messages['live'],
  skillLabel: (id: string) => string,
): string {
  switch (reason.code) {
    case 'no-agent-with-skill':
      return t.reasons[reason.code](skillLabel(reason.skill), reason.minLevel);
    case 'no-agent-speaks':
      return t.reasons[reason.code](t.langs[reason.lang] ?? reason.lang);
    case 'no-free-capacity':
      return t.reasons[reason.code](t.work.classes[reason.capacityClass]!.toLowerCase());
    default:
      return t.reasons[reason.code]();
  }
}
