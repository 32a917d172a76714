import { createRouterClient, type RouterClient } from '$worker/routing/routerClient';
import { relais } from '../relais';

let client: Promise<RouterClient> | undefined;

/** The router as the designer server talks to it, over the shared Temporal client. */
export function routerClient(): Promise<RouterClient> {
  client ??= relais().then((r) => createRouterClient(r.client, r.config.TEMPORAL_TASK_QUEUE));
  return client;
}
