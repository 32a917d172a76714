import type { OutboundMessage } from '../../workflows/contracts/activities';
import { signedHeaders } from '../inbound/signature';
import type { ChannelAdapter } from './adapters';
import { type Bridge, type BridgeMessage, idempotencyKeyHeader } from './bridgeContract';

/** A bridge that neither answers nor fails within this is retried, as a failure. */
const timeoutMs = 10_000;

/**
 * Delivery through a provider bridge (SMS, WhatsApp, social, voice…): the message is POSTed as
 * signed JSON to the channel's URL. Only a 2xx takes it; anything else throws, and the activity's
 * retry policy sends it again with backoff and the same Idempotency-Key, so the bridge can drop a
 * copy. The provider's outcome comes back later as a delivery receipt (deliveryReceipts.ts).
 */
export class WebhookBridgeAdapter implements ChannelAdapter {
  constructor(private readonly bridge: Bridge) {}

  async send(message: OutboundMessage): Promise<void> {
    const { key, ...rest } = message;
    const payload: BridgeMessage = { id: key, ...rest };
    const body = JSON.stringify(payload);
    const response = await fetch(this.bridge.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [idempotencyKeyHeader]: key,
        ...signedHeaders(this.bridge.secret, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Read to the end so that the connection is reused.
    const answer = await response.text();
    if (!response.ok)
      throw new Error(
        `bridge ${new URL(this.bridge.url).host} answered ${response.status} for ${key}: ${answer.slice(0, 200)}`,
      );
  }
}
