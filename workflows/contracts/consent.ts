import { z } from 'zod';

/** The channels a customer can allow or refuse messages on (issue 13 §5). */
export const ConsentChannelSchema = z.enum(['sms', 'email']);
export type ConsentChannel = z.infer<typeof ConsentChannelSchema>;

/** "messages": any message on the channel (the SMS opt-in); "survey": satisfaction surveys. */
export const ConsentPurposeSchema = z.enum(['messages', 'survey']);
export type ConsentPurpose = z.infer<typeof ConsentPurposeSchema>;

/** Where the customer said it: a form, a message of theirs, an agent, an unsubscribe link. */
export const ConsentSourceSchema = z.enum(['form', 'message', 'agent', 'link']);
export type ConsentSource = z.infer<typeof ConsentSourceSchema>;

export const SurveyConsentInputSchema = z.object({
  customerId: z.string().min(1),
  caseId: z.string().min(1),
  /** The opt-in the customer's profile states, which holds while the ledger has no SMS record. */
  smsOptIn: z.boolean(),
});
export type SurveyConsentInput = z.infer<typeof SurveyConsentInputSchema>;

/** Whether a survey may go out on each channel now, and the email's unsubscribe link. */
export const SurveyConsentSchema = z.object({
  sms: z.boolean(),
  email: z.boolean(),
  unsubscribeUrl: z.string(),
});
export type SurveyConsent = z.infer<typeof SurveyConsentSchema>;
