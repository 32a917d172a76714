import { z } from 'zod';

/** Every inbound channel Relais handles; adapters and rules refer to these names. */
export const channels = [
  'phone',
  'email',
  'chat',
  'social',
  'webform',
  'sms',
  'whatsapp',
  'messenger',
  'mail',
  'video',
  'click-to-call',
  'chatbot',
  'callback',
] as const;
export const ChannelSchema = z.enum(channels);
export type Channel = z.infer<typeof ChannelSchema>;

export const LangSchema = z.enum(['fr', 'en']);
export type Lang = z.infer<typeof LangSchema>;

export const TierSchema = z.enum(['standard', 'premium', 'vip']);
export const SegmentSchema = z.enum(['B2C', 'B2B']);
