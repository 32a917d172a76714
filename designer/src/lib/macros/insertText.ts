/** The text with `insert` replacing `from`..`to`, and where the caret goes after it. */
export function insertText(
  text: string,
  from: number,
  to: number,
  insert: string,
): { text: string; caret: number } {
  return { text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length };
}

/** True when the `/` just typed at `at` starts a word: at the start or after a space. */
export function slashStartsWord(text: string, at: number): boolean {
  return text[at] === '/' && (at === 0 || /\s/.test(text[at - 1]!));
}
