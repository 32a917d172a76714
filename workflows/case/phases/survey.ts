import { condition, patched } from '@temporalio/workflow';
import { isDetractor, surveyChannel, unsubscribeLine } from '../../blocks/surveyPolicy';
import { workflowNow } from '../../lib/clock';
import { customerWords } from '../../lib/customerWords';
import { caseRef } from '../../lib/promiseWords';
import { acts } from '../activities';
import type { CaseContext } from '../caseContext';

const hours = (h: number) => h * 3600_000;

/** Queue that calls back unhappy customers. */
export const followUpQueue = 'senior';

/**
 * After resolution: the CSAT/NPS survey on the customer's preferred channel (with consent), one
 * reminder, then the window closes. A detractor gets a follow-up call from a senior agent.
 * Returns early when a customer message reopens the case.
 */
export async function survey(ctx: CaseContext): Promise<void> {
  const { model } = ctx;
  const policy = ctx.decision.survey;
  if (policy.kind === 'none') return;
  // Surveys ask the consent ledger before each send (patch 'survey-consent'); cases that
  // surveyed before it went by the profile's SMS opt-in alone.
  const askConsent = patched('survey-consent');
  const consentNow = () =>
    acts.surveyConsent({
      customerId: model.customer.customerId,
      caseId: model.caseId,
      smsOptIn: model.customer.smsOptIn,
    });
  const consent = askConsent ? await consentNow() : undefined;
  const channel = surveyChannel(policy, model.customer, model.channel, consent);
  if (channel === null) return;
  const kind = policy.kind;
  const ref = caseRef(model.caseId);
  const lang = model.customer.lang;
  const withLink = (text: string) =>
    consent && channel === 'email'
      ? `${text}\n\n${unsubscribeLine(consent.unsubscribeUrl, lang)}`
      : text;

  model.survey = { kind, channel, sentAt: workflowNow(), reminded: false, score: null };
  model.setStatus('surveying');
  await ctx.syncTask();
  await ctx.send('survey', channel, withLink(customerWords.survey(kind, ref, lang)));
  await ctx.record('survey-sent', { kind, channel });

  const settled = () => model.survey?.score != null || model.status !== 'surveying';
  if (!(await condition(settled, hours(policy.reminderAfterHours)))) {
    // A "STOP" or an unsubscribe since the survey went out: no reminder.
    const stillAllowed =
      !askConsent ||
      surveyChannel(policy, model.customer, model.channel, await consentNow()) === channel;
    if (stillAllowed) {
      await ctx.send('survey-reminder', channel, withLink(customerWords.surveyReminder(ref, lang)));
      model.survey.reminded = true;
      await ctx.record('survey-reminder', { channel });
    }
    const rest = Math.max(0, policy.windowHours - policy.reminderAfterHours);
    if (!(await condition(settled, hours(rest)))) {
      await ctx.record('survey-expired', {});
      return;
    }
  }
  const score = model.survey?.score;
  if (model.status !== 'surveying' || score == null) return;

  const detractor = isDetractor(kind, score);
  await acts.recordSurveyScore({
    customerId: model.customer.customerId,
    caseId: model.caseId,
    kind,
    score,
  });
  await ctx.record('survey-answered', { kind, score, detractor });
  if (detractor) {
    const due = new Date(workflowNow().getTime() + hours(24));
    await ctx.syncSideTask(
      model.sideTask('follow-up', 'survey', due, true, workflowNow(), {
        queue: followUpQueue,
        subject: `Call back an unhappy customer (${kind.toUpperCase()} ${score})`,
      }),
    );
    await ctx.record('follow-up-created', { queue: followUpQueue, dueAt: due.toISOString() });
  }
}
