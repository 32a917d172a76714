import { describe, expect, it } from 'vitest';
import * as zod from 'zod';
import * as b2bComplaint from '../../../workflows/contracts/b2bComplaint';
import * as kase from '../../../workflows/contracts/case';
import * as customer from '../../../workflows/contracts/customer';
import { lazySchema } from '../../../workflows/contracts/lazySchema';
import * as messages from '../../../workflows/contracts/messages';
import * as routing from '../../../workflows/contracts/routing';
import { customerProfile, inboundMessage } from '../../support/messages';
import { workItem } from '../routing/fixtures';

/**
 * What the SDK does to what a preloaded module exports (worker/workflowBundle.ts): objects are
 * frozen with everything they hold; a function is frozen itself, not what its closure holds.
 */
function deepFreeze(value: unknown, seen = new WeakSet<object>()): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  if (seen.has(value)) return;
  seen.add(value);
  if (typeof value === 'object')
    for (const key of Reflect.ownKeys(value)) deepFreeze(Reflect.get(value, key), seen);
  try {
    Object.freeze(value);
  } catch {
    // Some objects cannot be frozen (a module namespace, a typed array): the SDK skips them too.
  }
}

describe('contract validators', () => {
  it('builds a schema on its first use only, then hands out the same one', () => {
    let builds = 0;
    const schema = lazySchema(() => {
      builds += 1;
      return zod.z.string();
    });
    expect(builds).toBe(0);
    expect(schema()).toBe(schema());
    expect(builds).toBe(1);
  });

  it('validate after the sandbox froze the preloaded contracts, sharing no part with them', () => {
    for (const mod of [zod, b2bComplaint, kase, customer, messages, routing])
      for (const value of Object.values(mod)) deepFreeze(value);
    const agentId = 'agent-1';
    const valid: [() => zod.ZodType, unknown][] = [
      [kase.caseValidators.claim, { agentId }],
      [kase.caseValidators.reply, { agentId, text: 'Bonjour', channel: 'email' }],
      [kase.caseValidators.note, { agentId, text: 'note' }],
      [kase.caseValidators.transfer, { agentId, toQueue: 'billing', reason: 'billing' }],
      [kase.caseValidators.scheduleCallback, { agentId, at: null, reason: 'asked' }],
      [kase.caseValidators.callbackOutcome, { agentId, callbackId: 'c1', outcome: 'reached' }],
      [kase.caseValidators.resolve, { agentId, reason: 'done' }],
      [kase.caseValidators.reopen, { agentId, reason: 'not done' }],
      [b2bComplaint.b2bComplaintValidators.submitDraft, { agentId, text: 'x'.repeat(20) }],
      [b2bComplaint.b2bComplaintValidators.legalReview, { reviewerId: 'legal', approved: true }],
      [
        messages.messageValidators.envelope,
        { customer: customerProfile({ lastCsat: 4 }), message: inboundMessage() },
      ],
      [routing.routerValidators.workItem, workItem('case-1')],
      [
        routing.routerValidators.withdrawWork,
        { caseId: 'case-1', assignedTo: agentId, reason: 'claimed', channel: 'chat' },
      ],
      [routing.routerValidators.releaseWork, { caseId: 'case-1', agentId, handledSeconds: null }],
      [routing.routerValidators.setPresence, { agentId, presence: 'away', reason: 'lunch' }],
      [routing.routerValidators.offerResponse, { agentId, offerId: 'o1', accept: true }],
    ];
    for (const [schema, value] of valid) {
      expect(zod.z.safeParse(schema(), value).success).toBe(true);
      // A refusal is zod's answer, not a TypeError from a frozen part.
      expect(() => schema().parse({ agentId: 42 })).toThrow(zod.ZodError);
    }
  });
});
