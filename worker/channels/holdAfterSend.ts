import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutboundMessage } from '../../workflows/contracts/activities';
import type { ChannelAdapter } from './adapters';

/**
 * TEST SEAM, off unless RELAIS_TEST_HOLD_AFTER_SEND names a folder: after each send, writes
 * `sent-<key>` there and holds the activity until a `release` file appears, so that a test can
 * kill the worker between the send and `markSent`, or stop it with an activity stuck.
 */
export class HoldAfterSendAdapter implements ChannelAdapter {
  constructor(
    private readonly inner: ChannelAdapter,
    private readonly folder: string,
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    await this.inner.send(message);
    writeFileSync(join(this.folder, `sent-${encodeURIComponent(message.key)}`), '');
    while (!existsSync(join(this.folder, 'release')))
      await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
