import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../worker/config';
import { OutboxOnlyAdapter } from '../../../worker/channels/outboxAdapter';
import { WebhookBridgeAdapter } from '../../../worker/channels/webhookAdapter';
import { buildChannelAdapters } from '../../../worker/wiring';

const sms = { url: 'https://sms-bridge.example/relais', secret: 'sms-secret-0123456789' };

describe('RELAIS_BRIDGES', () => {
  it('names a bridge per channel, and the channel then sends through it', () => {
    const { RELAIS_BRIDGES } = loadConfig({ RELAIS_BRIDGES: JSON.stringify({ sms }) });
    expect(RELAIS_BRIDGES).toEqual({ sms });
    const adapters = buildChannelAdapters({ bridges: RELAIS_BRIDGES });
    expect(adapters.for('sms')).toBeInstanceOf(WebhookBridgeAdapter);
    expect(adapters.for('whatsapp')).toBeInstanceOf(OutboxOnlyAdapter);
  });

  it('is empty when unset', () => {
    expect(loadConfig({}).RELAIS_BRIDGES).toEqual({});
  });

  it('refuses what is not JSON, an unknown channel, a short secret or a non-HTTP URL', () => {
    for (const value of [
      'sms=https://x',
      JSON.stringify({ fax: sms }),
      JSON.stringify({ sms: { ...sms, secret: 'short' } }),
      JSON.stringify({ sms: { ...sms, url: 'ftp://sms-bridge.example' } }),
    ])
      expect(() => loadConfig({ RELAIS_BRIDGES: value })).toThrow(/RELAIS_BRIDGES/);
  });
});
