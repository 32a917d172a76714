import { WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ensureRouter } from '../../worker/routing/handOver';
import { createRouterClient, type RouterClient } from '../../worker/routing/routerClient';
import type { Stores } from '../../worker/store/stores';
import {
  type CaseInput,
  claimUpdate,
  resolveUpdate,
  transferUpdate,
} from '../../workflows/contracts/case';
import { caseWorkflowId, customerWorkflowId } from '../../workflows/contracts/customer';
import {
  type Offer,
  routedAssignmentSignal,
  type RouterSnapshot,
  routerWorkflowIdFor,
  type WaitingView,
} from '../../workflows/contracts/routing';
import { type CaseWorld, minute, withCaseWorld } from '../support/caseWorld';
import { storeCustomer } from '../support/customers';
import { customerProfile, inboundMessage } from '../support/messages';
import { eventually } from '../support/relaisWorker';

/** Two billing agents who take one email at a time, so a second email waits for capacity. */
async function twoAgents(stores: Stores): Promise<void> {
  for (const [id, name] of [
    ['rt-ana', 'Ana Routage'],
    ['rt-bob', 'Bob Routage'],
  ] as const)
    await stores.users.create(
      {
        _id: id,
        name,
        role: 'agent',
        lang: 'fr',
        routing: {
          skills: [{ skill: 'billing', level: 3 }],
          queues: ['billing', 'general'],
          langs: ['fr'],
          capacity: { voice: 1, chat: 3, email: 1 },
        },
      },
      'routing-test-password',
    );
}

/** This world's router, running before any contact, with its history kept for replay. */
async function startRouter(w: CaseWorld): Promise<RouterClient> {
  await ensureRouter(w.env.client, w.t.taskQueue);
  w.started.add(routerWorkflowIdFor(w.t.taskQueue));
  return createRouterClient(w.env.client, w.t.taskQueue);
}

async function available(router: RouterClient, ...agentIds: string[]): Promise<void> {
  for (const agentId of agentIds)
    expect(
      await router.setPresence({ agentId, presence: 'available', reason: null }),
    ).toMatchObject({ ok: true });
}

async function snapshotUntil<T>(
  router: RouterClient,
  probe: (s: RouterSnapshot) => T | null | undefined | false,
  what: string,
): Promise<T> {
  return eventually(async () => {
    const s = await router.snapshot();
    return s && probe(s);
  }, what);
}

const waitingOf = (s: RouterSnapshot, caseId: string): WaitingView | undefined =>
  s.waiting.find((w) => w.caseId === caseId);
const loadOf = (s: RouterSnapshot, agentId: string): string[] =>
  Object.keys(s.agents.find((a) => a.agentId === agentId)?.load ?? {});

const offerOf = (router: RouterClient, caseId: string): Promise<Offer> =>
  snapshotUntil(router, (s) => waitingOf(s, caseId)?.offer, `an offer of case ${caseId}`);

/** The hand-over activities a case scheduled, with what each sent, in order. */
async function handOvers(w: CaseWorld, caseId: string): Promise<unknown[]> {
  const history = await w.caseHandle(caseId).fetchHistory();
  // Decoded as the worker encoded them (its codecs, e.g. payload encryption, then JSON).
  const { payloadConverter, payloadCodecs } = w.t.worker.options.loadedDataConverter;
  const inputs = (history.events ?? [])
    .map((e) => e.activityTaskScheduledEventAttributes)
    .filter((a) => a?.activityType?.name === 'handOverWork')
    .map((a) => a!.input!.payloads!);
  const sent: unknown[] = [];
  for (let payloads of inputs) {
    for (const codec of [...payloadCodecs].reverse()) payloads = await codec.decode(payloads);
    sent.push(payloadConverter.fromPayload(payloads[0]!));
  }
  return sent;
}

describe('cases and the router', () => {
  it('offers a new case to an available agent, assigns it on accept, and frees the agent on resolve', () =>
    withCaseWorld(async (w) => {
      const router = await startRouter(w);
      await available(router, 'rt-ana');
      const first = await w.send(customerProfile(), inboundMessage());
      const offer = await offerOf(router, first);
      expect(offer.agentId).toBe('rt-ana');

      expect(
        await router.respondOffer({ agentId: 'rt-ana', offerId: offer.offerId, accept: true }),
      ).toEqual({ ok: true, outcome: 'accepted' });
      const state = await w.waitForStatus(first, 'assigned');
      expect(state.assignee).toBe('rt-ana');
      const [assigned] = await w.waitForEvents(first, 'assigned');
      expect(assigned!.data).toEqual({
        agentId: 'rt-ana',
        how: 'accepted',
        offerId: offer.offerId,
      });
      await eventually(
        async () => (await w.stores.tasks.get(first))?.assignee === 'rt-ana',
        'the task assigned to rt-ana',
      );

      // She takes one email at a time: the next one waits for her capacity, and says so.
      const second = await w.send(customerProfile(), inboundMessage());
      const reason = await snapshotUntil(
        router,
        (s) => waitingOf(s, second)?.reason,
        'the second case waiting with a reason',
      );
      expect(reason).toEqual({ code: 'no-free-capacity', capacityClass: 'email' });
      expect(waitingOf((await router.snapshot())!, second)?.offer).toBeNull();

      await w
        .caseHandle(first)
        .executeUpdate(resolveUpdate, { args: [{ agentId: 'rt-ana', reason: 'fixed' }] });
      const next = await offerOf(router, second);
      expect(next.agentId).toBe('rt-ana');
      expect(loadOf((await router.snapshot())!, 'rt-ana')).not.toContain(first);
    }, twoAgents));

  it('routes a case transferred to a queue again, never back to the agent who transferred it', () =>
    withCaseWorld(async (w) => {
      const router = await startRouter(w);
      await available(router, 'rt-ana', 'rt-bob');
      const caseId = await w.send(customerProfile(), inboundMessage());
      const offer = await offerOf(router, caseId);
      const sender = offer.agentId;
      const other = sender === 'rt-ana' ? 'rt-bob' : 'rt-ana';
      await router.respondOffer({ agentId: sender, offerId: offer.offerId, accept: true });
      await w.waitForStatus(caseId, 'assigned');

      await w.caseHandle(caseId).executeUpdate(transferUpdate, {
        args: [{ agentId: sender, toQueue: 'general', reason: 'not billing' }],
      });
      const again = await snapshotUntil(
        router,
        (s) => {
          const o = waitingOf(s, caseId)?.offer;
          return o && o.offerId !== offer.offerId && o;
        },
        'a new offer of the transferred case',
      );
      expect(again.agentId).toBe(other);
      const after = (await router.snapshot())!;
      expect(waitingOf(after, caseId)).toMatchObject({ queue: 'general' });
      expect(loadOf(after, sender)).toEqual([]);

      // The other agent passes: the sender is free and eligible, yet never gets it back.
      await router.respondOffer({ agentId: other, offerId: again.offerId, accept: false });
      const reason = await snapshotUntil(
        router,
        (s) => waitingOf(s, caseId)?.reason,
        'the case waiting with a reason once both are out',
      );
      expect(reason).not.toBeNull();
      expect(waitingOf((await router.snapshot())!, caseId)?.offer).toBeNull();
      expect((await w.state(caseId)).assignee).toBeNull();
    }, twoAgents));

  it('withdraws the outstanding offer of a case claimed by hand, and refuses its accept', () =>
    withCaseWorld(async (w) => {
      const router = await startRouter(w);
      await available(router, 'rt-ana');
      const caseId = await w.send(customerProfile(), inboundMessage());
      const offer = await offerOf(router, caseId);

      await w.caseHandle(caseId).executeUpdate(claimUpdate, { args: [{ agentId: 'rt-bob' }] });
      await snapshotUntil(
        router,
        (s) => !waitingOf(s, caseId) && loadOf(s, 'rt-bob').includes(caseId),
        'the item withdrawn and counted in the claimer load',
      );
      const answer = await router.respondOffer({
        agentId: 'rt-ana',
        offerId: offer.offerId,
        accept: true,
      });
      expect(answer.ok).toBe(false);
      await w.settled(caseId);
      expect((await w.state(caseId)).assignee).toBe('rt-bob');
      expect(await w.types(caseId)).not.toContain('assigned');
      expect(loadOf((await router.snapshot())!, 'rt-ana')).toEqual([]);
    }, twoAgents));

  it('gives the capacity back when an assignment reaches a case already claimed', () =>
    withCaseWorld(async (w) => {
      const router = await startRouter(w);
      const caseId = await w.send(customerProfile(), inboundMessage());
      await snapshotUntil(router, (s) => waitingOf(s, caseId), 'the case waiting');
      await w.caseHandle(caseId).executeUpdate(claimUpdate, { args: [{ agentId: 'rt-bob' }] });

      // The router's accept crossed the claim: its assignment arrives after it.
      await w
        .caseHandle(caseId)
        .signal(routedAssignmentSignal, { agentId: 'rt-ana', offerId: 'late-offer' });
      await eventually(
        async () => (await handOvers(w, caseId)).length >= 2,
        'the release of the late assignment',
      );
      const sent = await handOvers(w, caseId);
      expect(sent.at(-1)).toEqual([
        {
          kind: 'release',
          release: { caseId, agentId: 'rt-ana', handledSeconds: null },
        },
      ]);
      await w.settled(caseId);
      const state = await w.state(caseId);
      expect([state.status, state.assignee]).toEqual(['assigned', 'rt-bob']);
      expect(await w.types(caseId)).not.toContain('assigned');
      expect(loadOf((await router.snapshot())!, 'rt-bob')).toEqual([caseId]);
    }, twoAgents));

  it('hands a callback coming due to the router when nobody holds the case, as a call', () =>
    withCaseWorld(async (w) => {
      const router = await startRouter(w);
      const at = new Date((await w.env.currentTimeMs()) + 30 * minute);
      const caseId = await w.send(
        customerProfile({ phone: '+33612345678' }),
        inboundMessage({ channel: 'chat', callbackRequested: true, callbackAt: at.toISOString() }),
      );
      await snapshotUntil(router, (s) => waitingOf(s, caseId), 'the chat waiting');
      // The customer leaves the chat: the case leaves the router; its callback is due later.
      await w.leave(caseId, 'chat');
      await snapshotUntil(router, (s) => !waitingOf(s, caseId), 'the chat withdrawn');
      await w.settled(caseId);
      expect(waitingOf((await router.snapshot())!, caseId)).toBeUndefined();

      await w.sleep(30 * minute + minute);
      await snapshotUntil(router, (s) => waitingOf(s, caseId), 'the callback waiting');
      const sent = (await handOvers(w, caseId)).flat();
      expect(sent.at(-1)).toMatchObject({
        kind: 'route',
        item: { caseId, reason: 'callback', channel: 'callback' },
      });
      await available(router, 'rt-ana');
      const offer = await offerOf(router, caseId);
      expect(offer.agentId).toBe('rt-ana');
      await router.respondOffer({ agentId: 'rt-ana', offerId: offer.offerId, accept: true });
      expect((await w.waitForStatus(caseId, 'assigned')).assignee).toBe('rt-ana');
    }, twoAgents));

  it('counts a transfer to a person and a supervisor assignment in the load, never over capacity', () =>
    withCaseWorld(async (w) => {
      const router = await startRouter(w);
      await available(router, 'rt-ana', 'rt-bob');
      const overCapacity = async () => {
        const s = (await router.snapshot())!;
        // Both take one email at a time.
        for (const a of ['rt-ana', 'rt-bob']) expect(loadOf(s, a).length).toBeLessThanOrEqual(1);
      };
      const first = await w.send(customerProfile(), inboundMessage());
      const offer = await offerOf(router, first);
      const holder = offer.agentId;
      const other = holder === 'rt-ana' ? 'rt-bob' : 'rt-ana';
      await router.respondOffer({ agentId: holder, offerId: offer.offerId, accept: true });
      await w.waitForStatus(first, 'assigned');

      // Passed from agent to agent: the router moves the load with it.
      await w.caseHandle(first).executeUpdate(transferUpdate, {
        args: [{ agentId: holder, toAgent: other, reason: 'their customer' }],
      });
      await snapshotUntil(
        router,
        (s) => loadOf(s, other).includes(first) && loadOf(s, holder).length === 0,
        'the load moved to the new holder',
      );

      // The new holder is full: the next email goes to the sender, who passes; it then waits.
      const second = await w.send(customerProfile(), inboundMessage());
      const next = await offerOf(router, second);
      expect(next.agentId).toBe(holder);
      await router.respondOffer({ agentId: holder, offerId: next.offerId, accept: false });
      const reason = await snapshotUntil(
        router,
        (s) => waitingOf(s, second)?.reason,
        'the second email waiting',
      );
      // Passed by one, and the other (free if the transfer were not counted) is full.
      expect(reason).toEqual({ code: 'all-declined' });
      expect(waitingOf((await router.snapshot())!, second)?.offer).toBeNull();
      await overCapacity();

      // A supervisor assigns it by hand: it counts too, so a third email finds nobody free.
      await w.caseHandle(second).executeUpdate(transferUpdate, {
        args: [{ agentId: 'sophie', toAgent: holder, reason: 'assigned by the supervisor' }],
      });
      await snapshotUntil(
        router,
        (s) => !waitingOf(s, second) && loadOf(s, holder).includes(second),
        'the hand assignment counted',
      );
      const third = await w.send(customerProfile(), inboundMessage());
      const full = await snapshotUntil(
        router,
        (s) => waitingOf(s, third)?.reason,
        'the third email waiting',
      );
      expect(full).toEqual({ code: 'no-free-capacity', capacityClass: 'email' });
      expect(waitingOf((await router.snapshot())!, third)?.offer).toBeNull();
      await overCapacity();

      // Resolving frees the one who holds it now, who gets the waiting email.
      await w
        .caseHandle(first)
        .executeUpdate(resolveUpdate, { args: [{ agentId: other, reason: 'fixed' }] });
      expect((await offerOf(router, third)).agentId).toBe(other);
      await overCapacity();
    }, twoAgents));

  it('takes a claim that lands while the intake runs once the intake is done, offering nothing', () =>
    withCaseWorld(async (w) => {
      const router = await startRouter(w);
      await available(router, 'rt-ana');
      const customer = customerProfile();
      await storeCustomer(w.stores, customer);
      const caseId = `race-${randomUUID()}`;
      const input: CaseInput = {
        caseId,
        customerWorkflowId: customerWorkflowId(customer.customerId),
        customer,
        firstMessage: inboundMessage(),
        linkedCaseId: null,
      };
      w.started.add(caseWorkflowId(caseId));
      // The claim arrives with the start, so it is taken before the intake has even begun.
      const claimed = await w.env.client.workflow.executeUpdateWithStart(claimUpdate, {
        args: [{ agentId: 'rt-bob' }],
        startWorkflowOperation: new WithStartWorkflowOperation('caseWorkflow', {
          workflowId: caseWorkflowId(caseId),
          taskQueue: w.t.taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'FAIL',
        }),
      });
      expect([claimed.status, claimed.assignee]).toEqual(['assigned', 'rt-bob']);
      await snapshotUntil(
        router,
        (s) => !waitingOf(s, caseId) && loadOf(s, 'rt-bob').includes(caseId),
        'the claim counted in the claimer load',
      );
      await w.settled(caseId);
      const types = await w.types(caseId);
      expect(types.indexOf('claimed')).toBeGreaterThan(types.indexOf('task-created'));
      expect(types).not.toContain('assigned');
      expect(await w.stores.tasks.get(caseId)).toMatchObject({
        status: 'assigned',
        assignee: 'rt-bob',
      });
      const after = (await router.snapshot())!;
      expect(waitingOf(after, caseId)).toBeUndefined();
      expect(loadOf(after, 'rt-ana')).toEqual([]);
      expect(loadOf(after, 'rt-bob')).toEqual([caseId]);
    }, twoAgents));
});
