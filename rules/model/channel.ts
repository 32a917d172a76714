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
  /** The customer's status page (a reply, a survey score), reached by a signed link. */
  'portal',
] as const;
/**
 * Each schema also has its builder, for the validators workflow code builds on first use
 * (workflows/contracts/lazySchema.ts): they must not share a part with the schemas built here.
 */
export const channelSchema = () => z.enum(channels);
export const ChannelSchema = channelSchema();
export type Channel = z.infer<typeof ChannelSchema>;

export const langSchema = () => z.enum(['fr', 'en']);
export const LangSchema = langSchema();
export type Lang = z.infer<typeof LangSchema>;

export const tierSchema = () => z.enum(['standard', 'premium', 'vip']);
export const TierSchema = tierSchema();
export const segmentSchema = () => z.enum(['B2C', 'B2B']);
export const SegmentSchema = segmentSchema();
