import { z } from 'zod';

/** A chat line is a line, not a letter: longer text belongs in the web form or an email. */
export const maxChatMessage = 2000;

/** The pre-chat form; issue messages are codes the widget words (required, email, tooLong). */
export const ChatStartSchema = z.object({
  name: z.string().trim().min(1, 'required').max(200, 'tooLong'),
  email: z.string().trim().min(1, 'required').pipe(z.email('email').max(254, 'tooLong')),
  category: z.string().max(100).nullable().default(null),
  lang: z.enum(['fr', 'en']),
});

/** One visitor message; its id (made by the widget) makes a resend the same message. */
export const ChatMessageSchema = z.object({
  messageId: z.uuid(),
  text: z.string().trim().min(1, 'required').max(maxChatMessage, 'tooLong'),
});

/** A file from the visitor, as a multipart form: the widget's message id and the file. */
export const ChatFileSchema = z.object({
  messageId: z.uuid(),
  file: z
    .instanceof(File)
    .refine((f) => f.size > 0, 'empty')
    .refine((f) => f.name.length <= 255, 'tooLong'),
});

/** A transcript request; its id (made by the widget) makes a repeated click the same request. */
export const ChatTranscriptSchema = z.object({ requestId: z.uuid() });

/** The visitor's CSAT score, one click from 1 to 5. */
export const ChatScoreSchema = z.object({ score: z.number().int().min(1).max(5) });

export const ChatLineSchema = z.object({
  id: z.string(),
  from: z.enum(['customer', 'us']),
  at: z.string().nullable(),
  text: z.string(),
});

/** What the widget shows of the conversation, sent on open, on reload and on every change. */
export const ChatViewSchema = z.object({
  name: z.string(),
  lines: z.array(ChatLineSchema),
  /** The promise in the visitor's words while nobody has answered, else null. */
  promise: z.string().nullable(),
  /** An agent holds the case or has answered. */
  agentJoined: z.boolean(),
  /** The router's queue position and expected wait while the case waits for an agent. */
  queue: z
    .object({ position: z.number().int(), expectedWaitSeconds: z.number().nullable() })
    .nullable(),
  /** The CSAT question once the case is resolved, with the score once given. */
  survey: z.object({ score: z.number().int().nullable() }).nullable(),
  /** The first name of the agent typing a reply, live on the stream only, else null. */
  typing: z.string().nullable(),
});
export type ChatView = z.infer<typeof ChatViewSchema>;

/** Before the pre-chat form: the catalogue's categories in the page's language. */
export const ChatWelcomeSchema = z.object({
  categories: z.array(z.object({ id: z.string(), label: z.string() })),
});
export type ChatWelcome = z.infer<typeof ChatWelcomeSchema>;

export type ChatConversation =
  { started: false; welcome: ChatWelcome } | { started: true; view: ChatView };
