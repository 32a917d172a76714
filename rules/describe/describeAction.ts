import type { Action } from '../model/actions';
import type { Lang } from '../model/channel';
import { skillOutputText } from '../model/skillOutput';
import { minutesInWords } from './minutesInWords';

/** One action in words: "priorité 1", "file billing", "réponse sous 1 min". */
export function describeAction(action: Action, lang: Lang): string {
  const fr = lang === 'fr';
  switch (action.type) {
    case 'setPriority':
      return fr ? `priorité ${action.priority}` : `priority ${action.priority}`;
    case 'raisePriority':
      return fr ? `priorité relevée de ${action.steps}` : `priority raised by ${action.steps}`;
    case 'route': {
      const skills =
        action.skills.length > 0
          ? ` (${fr ? 'compétences' : 'skills'} : ${action.skills.map((s) => skillOutputText(s, lang)).join(', ')})`
          : '';
      return `${fr ? 'file' : 'queue'} ${action.queue}${fr ? skills : skills.replace(' :', ':')}`;
    }
    case 'setPromise': {
      const within = (minutes: number) =>
        `${minutesInWords(minutes, lang)}${action.businessHours ? (fr ? ' (heures ouvrées)' : ' (business hours)') : ''}`;
      const parts = [
        fr
          ? `réponse sous ${within(action.firstResponseMinutes)}`
          : `first response within ${within(action.firstResponseMinutes)}`,
      ];
      if (action.acknowledgeMinutes > 0) {
        parts.unshift(
          fr
            ? `accusé sous ${within(action.acknowledgeMinutes)}`
            : `acknowledged within ${within(action.acknowledgeMinutes)}`,
        );
      }
      if (action.resolutionMinutes !== null) {
        parts.push(
          fr
            ? `résolution sous ${within(action.resolutionMinutes)}`
            : `resolved within ${within(action.resolutionMinutes)}`,
        );
      }
      return parts.join(', ');
    }
    case 'setEscalation': {
      const percent = Math.round(action.warnAtRatio * 100);
      const n = action.levels.length;
      return fr
        ? `escalade : alerte à ${percent} %, ${n} niveau${n > 1 ? 'x' : ''}`
        : `escalation: warning at ${percent}%, ${n} level${n > 1 ? 's' : ''}`;
    }
    case 'setAckTemplate':
      return fr
        ? `accusé de réception « ${action.template} »`
        : `acknowledgement "${action.template}"`;
    case 'tag':
      return `${fr ? 'étiquette' : 'tag'}${action.tags.length > 1 ? 's' : ''} ${action.tags.join(', ')}`;
    case 'setSurvey': {
      if (action.kind === 'none') return fr ? "pas d'enquête" : 'no survey';
      const channel =
        action.channel === 'same'
          ? fr
            ? 'sur le même canal'
            : 'on the same channel'
          : fr
            ? `par ${action.channel}`
            : `by ${action.channel}`;
      return fr
        ? `enquête ${action.kind.toUpperCase()} ${channel}, ${action.windowHours} h`
        : `${action.kind.toUpperCase()} survey ${channel}, ${action.windowHours} h`;
    }
    case 'setReopenWindow':
      return fr ? `réouverture sous ${action.days} jours` : `reopens within ${action.days} days`;
    case 'deflect':
      if (action.to === 'none') return fr ? 'pas de self-care' : 'no deflection';
      return fr ? `${action.to} d'abord` : `${action.to} first`;
  }
}
