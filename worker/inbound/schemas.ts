import { z } from 'zod';
import { LangSchema } from '../../rules/model/channel';

/** POST /api/inbound/webform: what a web contact form sends. */
export const WebformRequestSchema = z.object({
  messageId: z.string().trim().min(1).max(200),
  customer: z.object({
    email: z.email(),
    name: z.string().trim().min(1).max(200),
  }),
  category: z.string().trim().min(1).max(100),
  subject: z.string().trim().min(1).max(300),
  text: z.string().trim().min(1).max(20_000),
  lang: LangSchema.default('fr'),
});
export type WebformRequest = z.infer<typeof WebformRequestSchema>;
