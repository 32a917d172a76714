import { z } from 'zod';
import { ChannelSchema, LangSchema } from '$rules/model/channel';
import { EscalationLadderSchema } from '$rules/model/decision';

/**
 * Escalation ladders and message templates are not part of the rule model: a rule carries its
 * own ladder and names its template. The designer keeps named ladders to copy into rules and the
 * template texts in collections of its own.
 */
const presetId = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

export const LadderPresetSchema = z.object({
  id: presetId,
  name: z.string().trim().min(1).max(120),
  ladder: EscalationLadderSchema,
});
export type LadderPreset = z.infer<typeof LadderPresetSchema>;

export const TemplateVariantSchema = z.object({
  channel: z.union([ChannelSchema, z.literal('any')]),
  lang: LangSchema,
  text: z.string().trim().min(1).max(2000),
});
export const MessageTemplateSchema = z.object({
  id: presetId,
  name: z.string().trim().min(1).max(120),
  variants: z.array(TemplateVariantSchema),
});
export type MessageTemplate = z.infer<typeof MessageTemplateSchema>;
export type TemplateVariant = z.infer<typeof TemplateVariantSchema>;
