import { z } from 'zod';
import { TemplateIdSchema } from '$workflows/contracts/templates';
import { EscalationLadderSchema } from '$rules/model/decision';

/**
 * Escalation ladders are not part of the rule model: a rule carries its own ladder, and the
 * designer keeps named ladders to copy into rules. Message templates live with the worker, which
 * sends them (see workflows/contracts/templates.ts).
 */

export const LadderPresetSchema = z.object({
  id: TemplateIdSchema,
  name: z.string().trim().min(1).max(120),
  ladder: EscalationLadderSchema,
});
export type LadderPreset = z.infer<typeof LadderPresetSchema>;

export {
  MessageTemplateSchema,
  TemplateVariantSchema,
  type MessageTemplate,
  type TemplateVariant,
} from '$workflows/contracts/templates';
