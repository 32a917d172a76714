import { error } from '@sveltejs/kit';
import {
  CallbackOutcomeSchema,
  ClaimSchema,
  NoteSchema,
  ReopenSchema,
  ReplySchema,
  ResolveSchema,
  ScheduleCallbackSchema,
  TagArgsSchema,
  TransferSchema,
  callbackOutcomeUpdate,
  claimUpdate,
  noteUpdate,
  reopenUpdate,
  replyUpdate,
  resolveUpdate,
  scheduleCallbackUpdate,
  tagUpdate,
  transferUpdate,
} from '$workflows/contracts/case';
import {
  LegalReviewSchema,
  SubmitDraftSchema,
  legalReviewUpdate,
  submitDraftUpdate,
} from '$workflows/contracts/b2bComplaint';
import { agentChoices, catalogueChoices } from '$lib/server/catalogue';
import { requireUser } from '$lib/server/auth';
import { caseUpdate, field } from '$lib/server/caseUpdates';
import { withMacroActions } from '$lib/server/macroActions';
import { mayPull, pullRefusal } from '$lib/server/pullPolicy';
import { loadCase } from '$lib/server/caseView';
import { relais } from '$lib/server/relais';
import { sentView } from '$lib/components/thread/thread';
import { mailStores } from '$worker/email/mailStores';
import { customerLabel } from '$workflows/lib/customerLabel';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { params } = event;
  const user = requireUser(event);
  // The page re-reads itself when the live feed says this case changed.
  event.depends('relais:case');
  const r = await relais();
  const view = await loadCase(r, params.caseId);
  if (!view) error(404, `No case ${params.caseId}`);
  const customerId = view.state?.customerId ?? view.task?.customerId ?? null;
  const decision = view.state?.decision;
  const [customer, outbox, catalogue, agents, decidedBy, pullAllowed, users] = await Promise.all([
    customerId ? r.stores.customers.get(customerId) : null,
    r.stores.outbox.forCase(params.caseId),
    catalogueChoices(r),
    agentChoices(r),
    decision ? r.stores.ruleSets.version(decision.ruleSetId, decision.ruleSetVersion) : null,
    mayPull(r, user, view.state?.queue ?? view.task?.queue ?? null),
    r.stores.users.list(),
    // Every look at a case, and so at its customer's messages, is logged (issue 13 §6).
    r.stores.accessAudit.recordView(user, 'view-case', customerId, params.caseId),
  ]);
  return {
    view,
    // Files of the case's inbound mails and chat messages, under each message of the thread.
    mailAttachments: {
      ...(await mailStores(r.stores.outbox.col.db).inbound.attachmentsOfCase(params.caseId)),
      ...(await r.stores.chatAttachments.ofCase(params.caseId)),
    },
    // The rules' names in both languages, from the version that decided the case.
    ruleNames: Object.fromEntries(
      (decidedBy?.ruleSet.rules ?? []).map((rule) => [rule.id, rule.name]),
    ),
    customer: customer && {
      id: customer._id,
      name: customerLabel(customer),
      email: customer.email,
      phone: customer.phone,
      tier: customer.tier,
      lang: customer.lang,
    },
    sent: outbox.map(sentView),
    // Transfer targets: the catalogue's queues and the people the router hands work to.
    queues: catalogue.queues,
    agents,
    // Skill names for why a waiting case has no agent yet.
    skills: catalogue.skills,
    pullAllowed,
    // Everyone's name, for the assignee and the timeline's actors: never a raw id.
    people: Object.fromEntries(users.map((u) => [u._id, u.name])) as Record<string, string>,
  };
};

export const actions: Actions = {
  claim: (event) =>
    caseUpdate(event, {
      caseId: () => event.params.caseId,
      action: 'claim',
      update: claimUpdate,
      schema: ClaimSchema,
      read: () => ({}),
      refuse: pullRefusal,
    }),
  reply: (event) =>
    withMacroActions(event, (event) =>
      caseUpdate(event, {
        caseId: () => event.params.caseId,
        action: 'reply',
        update: replyUpdate,
        schema: ReplySchema,
        read: (form) => ({
          text: field(form, 'text'),
          channel: field(form, 'channel'),
          awaitCustomer: form.get('awaitCustomer') === 'on',
        }),
      }),
    ),
  note: (event) =>
    caseUpdate(event, {
      caseId: () => event.params.caseId,
      action: 'note',
      update: noteUpdate,
      schema: NoteSchema,
      read: (form) => ({ text: field(form, 'text') }),
    }),
  tag: (event) =>
    caseUpdate(event, {
      caseId: () => event.params.caseId,
      action: 'tag',
      update: tagUpdate,
      schema: TagArgsSchema,
      read: (form) => ({
        add: field(form, 'add') ? [field(form, 'add')] : [],
        remove: field(form, 'remove') ? [field(form, 'remove')] : [],
      }),
    }),
  transfer: (event) =>
    caseUpdate(event, {
      caseId: () => event.params.caseId,
      action: 'transfer',
      update: transferUpdate,
      schema: TransferSchema,
      read: (form) => ({
        toQueue: field(form, 'toQueue'),
        toAgent: field(form, 'toAgent'),
        reason: field(form, 'reason'),
      }),
    }),
  scheduleCallback: (event) =>
    caseUpdate(event, {
      caseId: () => event.params.caseId,
      action: 'scheduleCallback',
      update: scheduleCallbackUpdate,
      schema: ScheduleCallbackSchema,
      read: (form) => ({ at: field(form, 'at') ?? null, reason: field(form, 'reason') }),
    }),
  callbackOutcome: (event) =>
    caseUpdate(event, {
      caseId: () => event.params.caseId,
      action: 'callbackOutcome',
      update: callbackOutcomeUpdate,
      schema: CallbackOutcomeSchema,
      read: (form) => ({ callbackId: field(form, 'callbackId'), outcome: field(form, 'outcome') }),
    }),
  resolve: (event) =>
    caseUpdate(event, {
      caseId: () => event.params.caseId,
      action: 'resolve',
      update: resolveUpdate,
      schema: ResolveSchema,
      read: (form) => ({
        reason: field(form, 'reason'),
        pendingCallbacks: field(form, 'pendingCallbacks'),
      }),
    }),
  reopen: (event) =>
    caseUpdate(event, {
      caseId: () => event.params.caseId,
      action: 'reopen',
      update: reopenUpdate,
      schema: ReopenSchema,
      read: (form) => ({ reason: field(form, 'reason') }),
    }),
  submitDraft: (event) =>
    caseUpdate(event, {
      caseId: () => event.params.caseId,
      action: 'submitDraft',
      update: submitDraftUpdate,
      schema: SubmitDraftSchema,
      read: (form) => ({ text: field(form, 'text') }),
    }),
  legalReview: (event) =>
    caseUpdate(event, {
      caseId: () => event.params.caseId,
      action: 'legalReview',
      update: legalReviewUpdate,
      schema: LegalReviewSchema,
      actor: 'reviewerId',
      read: (form) => ({
        approved: form.get('approved') === 'yes',
        comments: field(form, 'comments') ?? '',
      }),
    }),
};
