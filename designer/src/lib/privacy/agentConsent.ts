import { z } from 'zod';
import {
  ConsentChannelSchema,
  ConsentPurposeSchema,
} from '../../../../workflows/contracts/consent';

/**
 * A consent an agent heard (on the phone, at the counter) and records on the 360° page; issue
 * messages are codes the page words (required, tooLong).
 */
export const AgentConsentSchema = z.object({
  channel: ConsentChannelSchema,
  purpose: ConsentPurposeSchema,
  decision: z.enum(['granted', 'withdrawn']),
  /** What the customer was told and answered, as the proof of it. */
  wording: z.string().trim().min(1, 'required').max(1000, 'tooLong'),
});
export type AgentConsent = z.infer<typeof AgentConsentSchema>;
