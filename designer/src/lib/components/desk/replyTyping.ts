/** The reply box of the case page: its form, or the text field itself. */
const replySelector = 'form[data-action="reply"], [data-testid="reply-text"]';

/** Whether an input event's target is typing in the case's reply box. */
export function isReplyTyping(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(replySelector) !== null;
}
