import { z } from 'zod';
import { maxChatMessage } from '../chatApi';

/** What the widget of a site needs before the first message, in the page's language. */
export const ChatSitePublicSchema = z.object({
  categories: z.array(z.object({ id: z.string(), label: z.string() })),
  /** Nobody can take the chat now and the site offers a message or a callback instead. */
  offline: z.boolean(),
});
export type ChatSitePublic = z.infer<typeof ChatSitePublicSchema>;

/** The host page's signed-in customer: their email and its HMAC with the site's secret. */
export const ChatIdentifySchema = z.object({
  email: z.email().max(254),
  hash: z.string().max(200),
  name: z.string().trim().max(200).optional(),
  lang: z.enum(['fr', 'en']),
});

const nameField = z.string().trim().min(1, 'required').max(200, 'tooLong');
const emailField = z.string().trim().min(1, 'required').pipe(z.email('email').max(254, 'tooLong'));

/** Leave a message: it becomes a case on the email channel, answered by email. */
export const ChatLeaveMessageSchema = z.object({
  name: nameField,
  email: emailField,
  text: z.string().trim().min(1, 'required').max(maxChatMessage, 'tooLong'),
  lang: z.enum(['fr', 'en']),
});

/** Ask for a callback: the phone and, if the visitor says, when suits them ("after 18:00"). */
export const ChatCallbackSchema = z.object({
  name: nameField,
  phone: z
    .string()
    .trim()
    .min(1, 'required')
    .regex(/^\+?[0-9 ().-]{6,20}$/, 'phone'),
  when: z.string().trim().max(100, 'tooLong'),
  lang: z.enum(['fr', 'en']),
});

/** The offline request's case, for the confirmation: its short reference and promise in words. */
export const ChatOfflineReceiptSchema = z.object({
  ref: z.string(),
  promise: z.string().nullable(),
});
export type ChatOfflineReceipt = z.infer<typeof ChatOfflineReceiptSchema>;
