/**
 * Named escalation ladders are stored by the worker's LadderPresetStore; message templates live
 * with the worker, which sends them (see workflows/contracts/templates.ts).
 */
export { LadderPresetSchema, type LadderPreset } from '$worker/store/ladderPresets';

export {
  MessageTemplateSchema,
  TemplateVariantSchema,
  type MessageTemplate,
  type TemplateVariant,
} from '$workflows/contracts/templates';
