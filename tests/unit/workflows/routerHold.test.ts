import { describe, expect, it } from 'vitest';
import { CaseModel } from '../../../workflows/case/caseModel';
import { RouterHold } from '../../../workflows/case/routerHold';
import { customerProfile, inboundMessage } from '../../support/messages';

const opened = new Date('2026-11-20T10:00:00Z');
const at = (minutes: number) => new Date(opened.getTime() + minutes * 60_000);

function routedCase() {
  const model = new CaseModel(
    {
      caseId: 'case-1',
      customerWorkflowId: 'customer-1',
      customer: customerProfile({ name: 'Claire Martin', lang: 'fr' }),
      firstMessage: inboundMessage({ channel: 'chat', subject: 'Facture' }),
      linkedCaseId: null,
    },
    opened,
  );
  model.applyDecision({
    priority: 3,
    queue: 'billing',
    ruleSetVersion: 1,
    skills: ['billing', { skill: 'fr-legal', minLevel: 3, optional: true }],
  } as Parameters<CaseModel['applyDecision']>[0]);
  return { model, hold: new RouterHold(model) };
}

describe('RouterHold', () => {
  it('hands a new case over with its skills as requirements and the customer in words', () => {
    const { hold } = routedCase();
    expect(hold.route('intake', [], at(0))).toEqual({
      kind: 'route',
      item: {
        caseId: 'case-1',
        queue: 'billing',
        priority: 3,
        skills: [
          { skill: 'billing', minLevel: 1, optional: false },
          { skill: 'fr-legal', minLevel: 3, optional: true },
        ],
        lang: 'fr',
        channel: 'chat',
        customerName: 'Claire Martin',
        subject: 'Facture',
        waitingSince: at(0).toISOString(),
        reason: 'intake',
        excludeAgents: [],
      },
    });
  });

  it('keeps the waiting start across re-sends, and sends nothing for a case not waiting', () => {
    const { model, hold } = routedCase();
    expect(hold.refresh('escalation')).toBeNull();
    hold.route('intake', [], at(0));
    model.escalate(1, 'escalations');
    const again = hold.refresh('escalation');
    expect(again).toMatchObject({
      item: { queue: 'escalations', priority: 2, reason: 'escalation' },
    });
    expect(again?.kind === 'route' && again.item.waitingSince).toBe(at(0).toISOString());
  });

  it('withdraws a waiting case when it is claimed, and releases the claimer when it is resolved', () => {
    const { hold } = routedCase();
    hold.route('intake', [], at(0));
    expect(hold.assign('bob', 'claimed', at(1))).toEqual([
      // The queue and channel let the router count the case in the claimer's load.
      {
        kind: 'withdraw',
        withdraw: {
          caseId: 'case-1',
          assignedTo: 'bob',
          reason: 'claimed',
          queue: 'billing',
          channel: 'chat',
        },
      },
    ]);
    expect(hold.heldBy('bob')).toBe(true);
    expect(hold.leave('resolved', at(5))).toEqual({
      kind: 'release',
      release: { caseId: 'case-1', agentId: 'bob', handledSeconds: 240 },
    });
    expect(hold.leave('closed', at(6))).toBeNull();
  });

  it('drops a waiting case the customer left, without freeing anyone', () => {
    const { hold } = routedCase();
    hold.route('intake', [], at(0));
    expect(hold.leave('abandoned', at(2))).toEqual({
      kind: 'withdraw',
      withdraw: { caseId: 'case-1', assignedTo: null, reason: 'abandoned' },
    });
    expect(hold.waiting).toBe(false);
  });

  it('frees the sender of a transfer and routes the case afresh, never back to them', () => {
    const { hold } = routedCase();
    hold.route('intake', [], at(0));
    hold.accepted('ana', at(1));
    const [release, route] = hold.transferToQueue('ana', at(3));
    expect(release).toEqual({
      kind: 'release',
      release: { caseId: 'case-1', agentId: 'ana', handledSeconds: 120 },
    });
    expect(route).toMatchObject({
      kind: 'route',
      item: { reason: 'transfer', excludeAgents: ['ana'], waitingSince: at(3).toISOString() },
    });
    // A case still waiting keeps its start and every agent already excluded.
    expect(hold.transferToQueue('bob', at(4))).toEqual([
      expect.objectContaining({
        item: expect.objectContaining({
          excludeAgents: ['ana', 'bob'],
          waitingSince: at(3).toISOString(),
        }),
      }),
    ]);
  });

  it('releases the previous holder when a case is handed to another agent', () => {
    const { hold } = routedCase();
    hold.route('intake', [], at(0));
    hold.accepted('ana', at(1));
    expect(hold.assign('bob', 'assigned-by-hand', at(2))).toEqual([
      { kind: 'release', release: { caseId: 'case-1', agentId: 'ana', handledSeconds: 60 } },
      {
        kind: 'withdraw',
        withdraw: {
          caseId: 'case-1',
          assignedTo: 'bob',
          reason: 'assigned-by-hand',
          queue: 'billing',
          channel: 'chat',
        },
      },
    ]);
  });
});
