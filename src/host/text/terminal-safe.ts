// Text from files (capture strings, config lines, paths) shown on a terminal: control characters
// become escapes, as Wireshark's format_text writes them (\a \b \t \n \v \f \r, \ooo for the rest
// of C0 and DEL, \uXXXX for C1 and the Unicode controls that reorder or hide text), so a capture
// or a config cannot move the cursor, recolour the terminal or make a line read differently.
// Browser-safe.

const NAMED: Record<string, string> = { "\x07": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r" };
// C0, DEL, C1; bidirectional marks, embeddings, overrides and isolates; line and paragraph
// separators; the byte order mark.
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  if (code < 0x80) return `\\${code.toString(8).padStart(3, "0")}`;
  return `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** `text` with every control character escaped; unchanged when it has none. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** At most `max` characters of `text`, the cut marked with how much was left out. */
export function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const keep = Math.max(1, max - 24);
  return `${text.slice(0, keep)}…(${text.length - keep} more characters)`;
}

/**
 * A message for a terminal: control characters escaped and every word longer than `maxWord`
 * (a 1 MB token echoed back) shortened.
 */
export function safeMessage(text: string, maxWord = 80): string {
  return terminalSafe(text).replace(new RegExp(`\\S{${maxWord + 1},}`, "g"), (word) => shortened(word, maxWord));
}

/** Multi-line output (a show command's table): lines and tab stops kept, every other control character escaped. */
export function terminalSafeLines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.split("\t").map(terminalSafe).join("\t"))
    .join("\n");
}
