import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { resolveUpdate } from '../../../workflows/contracts/case';
import { caseWorkflowId } from '../../../workflows/contracts/customer';
import type { Offer } from '../../../workflows/contracts/routing';
import type { RouterClient } from '../../../worker/routing/routerClient';
import { grpcCause } from './grpcCause';

export interface ResponderCounts {
  accepted: number;
  refused: number;
  resolved: number;
  failed: number;
  /** Refusals by code (`offer-expired`, …) or outcome, to tell a slow answer from a lost one. */
  refusedAs: Record<string, number>;
}

/** Refusals an answering bench meets by timing alone. */
const expected = new Set<string>(['offer-expired', 'offer-unknown']);

/**
 * The agents at their desks: each offer is accepted at once, and the case resolved after
 * `handleMs`, which frees the agent's capacity for the next one. Only while `active`.
 */
export class Responder {
  active = false;
  /** Work items handed to the router without a case: accepted, never resolved. */
  readonly withoutCase = new Set<string>();
  readonly counts: ResponderCounts = {
    accepted: 0,
    refused: 0,
    resolved: 0,
    failed: 0,
    refusedAs: {},
  };
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly client: Client,
    private readonly router: RouterClient,
    private readonly handleMs: number,
    private readonly log: (line: string) => void,
  ) {}

  offered(offer: Offer): void {
    if (!this.active) return;
    const p = this.handle(offer)
      .catch((err: unknown) => {
        this.counts.failed += 1;
        const cause = grpcCause(err);
        const code = cause ? ` (gRPC ${String(cause.code)})` : '';
        this.log(
          `answering ${offer.caseId} failed: ${(err as Error).message.slice(0, 160)}${code}`,
        );
      })
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Waits for the answers and resolutions under way. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async handle(offer: Offer): Promise<void> {
    const answer = await this.router.respondOffer({
      agentId: offer.agentId,
      offerId: offer.offerId,
      accept: true,
    });
    if (!answer.ok || answer.outcome !== 'accepted') {
      // An offer that expired before the bench answered is offered again; that one is taken.
      this.counts.refused += 1;
      const why = answer.ok ? answer.outcome : answer.code;
      this.counts.refusedAs[why] = (this.counts.refusedAs[why] ?? 0) + 1;
      // Expired and unknown offers are the race the bench expects; anything else is worth reading.
      if (!answer.ok && !expected.has(answer.code)) {
        const words = 'message' in answer ? `: ${answer.message.slice(0, 160)}` : '';
        this.log(`answer to ${offer.caseId} refused ${answer.code}${words}`);
      }
      return;
    }
    this.counts.accepted += 1;
    if (this.withoutCase.has(offer.caseId)) return;
    await sleep(this.handleMs);
    const handle = this.client.workflow.getHandle(caseWorkflowId(offer.caseId));
    // The case learns of its assignment by a signal: resolving may be refused until it has.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await handle.executeUpdate(resolveUpdate, {
          args: [{ agentId: offer.agentId, reason: 'bench' }],
        });
        this.counts.resolved += 1;
        return;
      } catch (err) {
        if (attempt >= 40) {
          this.counts.failed += 1;
          const why = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
          this.log(`resolving ${offer.caseId} failed: ${why.slice(0, 160)}`);
          return;
        }
        await sleep(250);
      }
    }
  }
}
