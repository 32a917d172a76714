import {
  ApplicationFailure,
  type Client,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import {
  agentRoomQuery,
  type AgentRoom,
  type AgentState,
  catalogueChangedSignal,
  type OfferResponse,
  OfferResponseSchema,
  type OfferResult,
  OfferRefusalSchema,
  respondOfferUpdate,
  routerSnapshotQuery,
  type RouterSnapshot,
  routerWorkflowIdFor,
  type SetPresence,
  SetPresenceSchema,
  setPresenceUpdate,
} from '../../workflows/contracts/routing';
import { rollOverUpdate } from '../../workflows/router/rollOver';
import { loadConfig } from '../config';

/**
 * Why the router did not do what was asked, as a code the designer words in FR/EN: the offer
 * codes of the contract, an agent the router does not know (not in the catalogue, disabled),
 * a request it refused otherwise, or no router running.
 */
export const RouterRefusalCodeSchema = z.enum([
  ...OfferRefusalSchema.options,
  'agent-unknown',
  'invalid-request',
  'router-unavailable',
]);
export type RouterRefusalCode = z.infer<typeof RouterRefusalCodeSchema>;
export interface RouterRefusal {
  ok: false;
  code: RouterRefusalCode;
  /** The router's own words, for logs; the UI words the code. */
  message: string;
}

export type PresenceResult = { ok: true; agent: AgentState } | RouterRefusal;
export type RespondOfferResult = OfferResult | RouterRefusal;

/** The router as the designer server uses it: every answer typed by the routing contract. */
export interface RouterClient {
  setPresence(args: SetPresence): Promise<PresenceResult>;
  respondOffer(args: OfferResponse): Promise<RespondOfferResult>;
  /** The router's agents and waiting items; null while no router runs. */
  snapshot(): Promise<RouterSnapshot | null>;
  /** One agent's load and capacity; null while no router runs or it does not know them. */
  room(agentId: string): Promise<AgentRoom | null>;
  /** Tells the router to reload queues and agents; nothing to do while none runs (it loads at start). */
  catalogueChanged(): Promise<void>;
}

/**
 * The server turned the update away (a gRPC error, not the router's answer): too many updates in
 * flight for one workflow, the router continuing as new, a server busy, or the router's workflow
 * task failing or timing out again and again (FAILED_PRECONDITION, e.g. slow replays on a loaded
 * machine). None of these recorded the update, so asking again is safe; presence and offer
 * answers are idempotent besides (the same answer gets the same result).
 */
function busyCode(err: unknown): number | null {
  if (!(err instanceof ServiceError) || !isGrpcServiceError(err.cause)) return null;
  return busyCodes.includes(err.cause.code) ? err.cause.code : null;
}
/** gRPC RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, UNAVAILABLE. */
const busyCodes = [8, 9, 10, 14];
/**
 * Once a workflow task has failed three times in a row, the server turns updates away until one
 * passes, and retries the task every 10 s: 20 s covers one retry on a loaded machine.
 */
const defaultBusyPatienceMs = 20_000;
const busyBackoffMs = 200;
const busyBackoffMaxMs = 2_000;

/** A refusal the client asks again after. */
export interface BusyRouter {
  grpcCode: number;
  attempt: number;
  message: string;
}
export interface BusyOptions {
  /** Told of each refusal asked again; by default a line on stderr. */
  onBusy?: (busy: BusyRouter) => void;
  /** How long a busy router is asked again before the caller hears it is unavailable. */
  busyPatienceMs?: number;
}
const warnBusy = ({ grpcCode, attempt, message }: BusyRouter) =>
  console.warn(`router busy (gRPC ${grpcCode}, attempt ${attempt}), asking again: ${message}`);

/** The code a rejection carries: its failure type or its first detail's `code`, when known. */
function refusalOf(err: unknown): RouterRefusal | null {
  if (err instanceof WorkflowNotFoundError || busyCode(err) !== null)
    return { ok: false, code: 'router-unavailable', message: (err as Error).message };
  if (!(err instanceof WorkflowUpdateFailedError)) return null;
  const cause = err.cause;
  const message = cause?.message ?? err.message;
  const candidates =
    cause instanceof ApplicationFailure
      ? [cause.type, (cause.details?.[0] as { code?: unknown } | undefined)?.code]
      : [];
  for (const candidate of candidates) {
    const code = RouterRefusalCodeSchema.safeParse(candidate);
    if (code.success) return { ok: false, code: code.data, message };
  }
  return { ok: false, code: 'invalid-request', message };
}

/**
 * The router of the workers on `taskQueue`; by default the configured one (TEMPORAL_TASK_QUEUE),
 * which the designer shares with its worker.
 */
export function createRouterClient(
  client: Client,
  taskQueue: string = loadConfig().TEMPORAL_TASK_QUEUE,
  { onBusy = warnBusy, busyPatienceMs = defaultBusyPatienceMs }: BusyOptions = {},
): RouterClient {
  const router = () => client.workflow.getHandle(routerWorkflowIdFor(taskQueue));

  async function refusing<T>(call: () => Promise<T>): Promise<T | RouterRefusal> {
    const giveUpAt = Date.now() + busyPatienceMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (err) {
        const grpcCode = busyCode(err);
        if (grpcCode !== null && Date.now() < giveUpAt) {
          onBusy({ grpcCode, attempt, message: (err as Error).message });
          const backoff = Math.min(busyBackoffMs * attempt, busyBackoffMaxMs);
          await sleep(backoff * (0.5 + Math.random()));
          continue;
        }
        const refusal = refusalOf(err);
        if (refusal) return refusal;
        throw err;
      }
    }
  }

  return {
    setPresence: (args) =>
      refusing(async () => {
        const agent = await router().executeUpdate(setPresenceUpdate, {
          args: [SetPresenceSchema.parse(args)],
        });
        return { ok: true as const, agent };
      }),

    respondOffer: (args) =>
      refusing(() =>
        router().executeUpdate(respondOfferUpdate, { args: [OfferResponseSchema.parse(args)] }),
      ),

    async snapshot() {
      try {
        return await router().query(routerSnapshotQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return null;
        throw err;
      }
    },

    async room(agentId) {
      try {
        return await router().query(agentRoomQuery, agentId);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return null;
        throw err;
      }
    },

    async catalogueChanged() {
      try {
        await router().signal(catalogueChangedSignal);
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    },
  };
}

/** How often the run id is read while a roll-over waits for the router's next run. */
const rollOverPollMs = 250;

/**
 * Has the router on `taskQueue` continue-as-new and waits until its next run has started, so
 * that no replay needs the current run's history again; no router running has nothing to roll.
 */
export async function rollOverRouter(client: Client, taskQueue: string): Promise<void> {
  const router = client.workflow.getHandle(routerWorkflowIdFor(taskQueue));
  let rolledRun: string;
  try {
    rolledRun = await router.executeUpdate(rollOverUpdate);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return;
    throw err;
  }
  while ((await router.describe()).runId === rolledRun) await sleep(rollOverPollMs);
}
