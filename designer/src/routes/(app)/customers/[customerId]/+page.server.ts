import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth';
import { relais } from '$lib/server/relais';
import { customerLabel } from '$workflows/lib/customerLabel';
import { AgentConsentSchema } from '$lib/privacy/agentConsent';
import type { Actions, PageServerLoad } from './$types';

/** The 360° view: the profile, every case with its status, and one timeline across them. */
export const load: PageServerLoad = async (event) => {
  const { params, depends } = event;
  const user = requireUser(event);
  // The page re-reads itself when the live feed says one of this customer's cases changed.
  depends('relais:customer');
  const { stores } = await relais();
  const [customer, timeline, consents] = await Promise.all([
    stores.customers.get(params.customerId),
    stores.timeline.forCustomer(params.customerId),
    stores.consents.forCustomer(params.customerId),
  ]);
  if (!customer) error(404, `No customer ${params.customerId}`);
  // Every look at a customer's personal data is logged (issue 13 §6).
  await stores.accessAudit.recordView(user, 'view-customer', customer._id, null);
  const opened = timeline.filter((e) => e.type === 'case-opened');
  const tasks = await Promise.all(opened.map((e) => stores.tasks.get(e.caseId)));
  const cases = opened
    .map((e, i) => ({
      caseId: e.caseId,
      openedAt: e.at,
      channel: typeof e.data.channel === 'string' ? e.data.channel : null,
      subject: tasks[i]?.subject ?? (typeof e.data.subject === 'string' ? e.data.subject : null),
      status: tasks[i]?.status ?? null,
      queue: tasks[i]?.queue ?? null,
      assignee: tasks[i]?.assignee ?? null,
      channels: [
        ...new Set(
          timeline
            .filter((x) => x.caseId === e.caseId && typeof x.data.channel === 'string')
            .filter((x) => ['case-opened', 'message-received'].includes(x.type))
            .map((x) => String(x.data.channel)),
        ),
      ],
    }))
    .reverse();
  const { _id, createdAt, ...profile } = customer;
  return {
    customer: {
      id: _id,
      ...profile,
      label: customerLabel(customer),
      createdAt: createdAt.toISOString(),
    },
    cases,
    timeline: [...timeline].reverse(),
    consents: consents.map((r) => ({ ...r, at: r.at.toISOString() })),
    canExport: user.role === 'manager',
  };
};

export const actions: Actions = {
  /** A consent given or withdrawn to an agent, appended to the ledger with the agent as its source. */
  consent: async (event) => {
    const user = requireUser(event);
    const form = await event.request.formData();
    const values = Object.fromEntries(
      ['channel', 'purpose', 'decision', 'wording'].map((k) => [k, String(form.get(k) ?? '')]),
    );
    const parsed = AgentConsentSchema.safeParse(values);
    if (!parsed.success)
      return fail(400, {
        consent: {
          values,
          errors: Object.fromEntries(
            parsed.error.issues.map((i) => [
              String(i.path[0]),
              i.message === 'tooLong' ? 'tooLong' : 'required',
            ]),
          ),
        },
      });
    const { stores } = await relais();
    const customerId = event.params.customerId;
    if (!(await stores.customers.get(customerId))) error(404, `No customer ${customerId}`);
    const { channel, purpose, decision, wording } = parsed.data;
    await stores.consents.append({
      customerId,
      channel,
      purpose,
      granted: decision === 'granted',
      source: 'agent',
      at: new Date(),
      wording,
      ref: user.id,
    });
    return { consent: { recorded: true } };
  },
};
