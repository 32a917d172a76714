import type { Client } from '@temporalio/client';
import { handleInbound } from '../../../worker/inbound/handleInbound';
import type { Stores } from '../../../worker/store/stores';
import type { Contact } from './contacts';

export interface IntakeAnswer {
  status: number;
  caseId: string | null;
}

/**
 * Relais's intake as the designer's `POST /api/inbound/:channel` runs it, in this process:
 * `handleInbound` with a real API token, so the check of the token, the validation, the customer
 * and the hand-over to Temporal are all in the time. Only the HTTP layer is left out.
 */
export function relaisIntake(deps: {
  stores: Stores;
  client: Client;
  taskQueue: string;
  token: string;
}) {
  return async (contact: Contact): Promise<IntakeAnswer> => {
    const outcome = await handleInbound(
      {
        stores: deps.stores,
        client: deps.client,
        taskQueue: deps.taskQueue,
        auth: { open: false, tokens: deps.stores.apiTokens },
      },
      contact.channel,
      JSON.stringify(contact.body),
      { authorization: `Bearer ${deps.token}`, signature: null, timestamp: null },
    );
    const body = outcome.body as { caseId?: unknown };
    return {
      status: outcome.status,
      caseId: outcome.status === 202 && typeof body.caseId === 'string' ? body.caseId : null,
    };
  };
}
