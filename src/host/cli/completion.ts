// Tab completion for an interactive VPP console (the page's engine view): the command words that
// can follow what was typed, matched the way the registry matches (exact words, or unique prefixes
// of each word, as in `sh err`). Past the command words, the usage line is the hint.
import type { CommandRegistry } from "./registry.js";

export interface Completion {
  /** The words that may come next (the word being typed completed, or the following one). */
  candidates: string[];
  /** The line with the word being typed extended as far as every candidate agrees. */
  line: string;
  /** The usage of the one command the line names, once its words are all typed. */
  usage?: string;
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return "";
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export function complete<Context>(registry: CommandRegistry<Context>, line: string): Completion {
  const endsInSpace = line.length === 0 || /\s$/.test(line);
  const words = line.trim().split(/\s+/).filter(Boolean);
  const done = endsInSpace ? words : words.slice(0, -1);
  const partial = endsInSpace ? "" : words[words.length - 1];
  const candidates = new Set<string>();
  const usages = new Set<string>();
  for (const { words: path, usage } of registry.paths()) {
    if (done.length > path.length) {
      if (done.every((w, i) => i >= path.length || path[i].startsWith(w))) usages.add(usage);
      continue;
    }
    if (!done.every((w, i) => path[i].startsWith(w))) continue;
    if (done.length === path.length) {
      usages.add(usage);
      continue;
    }
    const next = path[done.length];
    if (next.startsWith(partial)) candidates.add(next);
  }
  const sorted = [...candidates].sort();
  const extended = commonPrefix(sorted);
  const head = line.slice(0, line.length - partial.length);
  const completed = sorted.length === 1 ? `${head}${sorted[0]} ` : extended.length > partial.length ? head + extended : line;
  const result: Completion = { candidates: sorted, line: completed };
  if (sorted.length === 0 && usages.size === 1) result.usage = [...usages][0];
  return result;
}
