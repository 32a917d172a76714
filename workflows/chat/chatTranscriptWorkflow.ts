import { acts } from '../case/activities';
import type { OutboundMessage } from '../contracts/activities';

/**
 * Sends a chat transcript the visitor asked for, by email, through the same activity and outbox
 * as every message to a customer, so it is retried, recorded and shown as theirs are. A workflow
 * of its own rather than a signal to the case: a transcript changes nothing of the case.
 */
export async function chatTranscriptWorkflow(message: OutboundMessage): Promise<void> {
  await acts.sendMessage(message);
}
