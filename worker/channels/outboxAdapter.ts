import type { ChannelAdapter } from './adapters';

/**
 * Delivery into the Relais outbox only: agents and customers-facing UIs read the message from
 * there. Used for channels whose provider is not configured (no SMTP relay, no SMS gateway).
 */
export class OutboxOnlyAdapter implements ChannelAdapter {
  async send(): Promise<void> {}
}
