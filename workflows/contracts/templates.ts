import { z } from 'zod';
import { ChannelSchema, LangSchema, type Channel, type Lang } from '../../rules/model/channel';

/** Lowercase ids that a rule's acknowledgement action names. */
export const TemplateIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

export const TemplateVariantSchema = z.object({
  channel: z.union([ChannelSchema, z.literal('any')]),
  lang: LangSchema,
  text: z.string().trim().min(1).max(2000),
});
export type TemplateVariant = z.infer<typeof TemplateVariantSchema>;

/** A customer message in several channels and languages; {name}, {promise}, {due}, {ref}. */
export const MessageTemplateSchema = z.object({
  id: TemplateIdSchema,
  name: z.string().trim().min(1).max(120),
  variants: z.array(TemplateVariantSchema),
});
export type MessageTemplate = z.infer<typeof MessageTemplateSchema>;

/** The variant for the channel and language, else the one for any channel in that language. */
export function pickVariant(
  template: MessageTemplate | null | undefined,
  channel: Channel,
  lang: Lang,
): TemplateVariant | undefined {
  return (
    template?.variants.find((v) => v.channel === channel && v.lang === lang) ??
    template?.variants.find((v) => v.channel === 'any' && v.lang === lang)
  );
}
