import type { Channel } from '../../rules/model/channel';
import type { OutboundMessage } from '../../workflows/contracts/activities';

/** Delivers one outbound message on one channel; `message.key` is its idempotency key. */
export interface ChannelAdapter {
  send(message: OutboundMessage): Promise<void>;
}

export class ChannelAdapters {
  constructor(private readonly byChannel: Partial<Record<Channel, ChannelAdapter>>) {}

  for(channel: Channel): ChannelAdapter | undefined {
    return this.byChannel[channel];
  }
}
