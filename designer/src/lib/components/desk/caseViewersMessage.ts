import { z } from 'zod';

/** The colleagues on a case, as its viewers stream sends them: names, never ids. */
export const CaseViewersMessageSchema = z.object({
  viewers: z.array(z.object({ name: z.string(), typing: z.boolean() })),
  /** The chat visitor is typing a message. */
  customerTyping: z.boolean(),
});
export type CaseViewersMessage = z.infer<typeof CaseViewersMessageSchema>;

/** What a page posts: a beat, or a keystroke in the reply box. */
export const CaseViewerBeatSchema = z.object({ typing: z.boolean() });
