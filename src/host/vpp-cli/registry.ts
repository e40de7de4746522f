// The VPP command table: commands are word paths ("show errors"), matched exactly or by a unique
// prefix of each word as VPP does ("sh err"). Each command parses its whole line into an action
// before anything is applied, so a rejected line leaves no trace.
import { Arguments } from "./arguments.js";
import { CliError, tokenize } from "./tokens.js";

export type Action = () => string | void;

export interface CommandSpec<Context> {
  /** Every accepted spelling of the command words, e.g. ["show errors", "show error"]. */
  paths: string[];
  usage: string;
  help: string;
  parse(args: Arguments, context: Context): Action;
}

/** The parse of a command that takes no words after its own: a word more is an error at its column. */
export function noArguments<Context>(run: (context: Context) => string | void): CommandSpec<Context>["parse"] {
  return (args, context) => {
    args.end();
    return () => run(context);
  };
}

interface Entry<Context> {
  words: string[];
  spec: CommandSpec<Context>;
}

export class CommandRegistry<Context> {
  private readonly entries: Entry<Context>[] = [];

  register(spec: CommandSpec<Context>): void {
    for (const path of spec.paths) this.entries.push({ words: path.split(" "), spec });
  }

  /** Whether `word` can begin a command (exactly or as an abbreviation of a first word). */
  startsCommand(word: string): boolean {
    return this.entries.some((e) => e.words[0] === word || e.words[0].startsWith(word));
  }

  /** Every accepted spelling, as words, with the usage of its command. */
  paths(): { words: readonly string[]; usage: string }[] {
    return this.entries.map((e) => ({ words: e.words, usage: e.spec.usage }));
  }

  commands(): CommandSpec<Context>[] {
    return [...new Set(this.entries.map((e) => e.spec))];
  }

  /** Parses and then applies one line; returns the command's output (empty for blank lines). */
  execute(line: string, context: Context): string {
    return this.prepare(line, context)() ?? "";
  }

  /**
   * Parses one line into its action without applying it (a CliError if the line is wrong), so that
   * several engines can each check a line before any of them applies it.
   */
  prepare(line: string, context: Context): Action {
    const tokens = tokenize(line);
    if (tokens.length === 0) return () => "";
    const { entry, used } = this.match(
      tokens.map((t) => t.text),
      tokens[0].column,
    );
    const args = new Arguments(tokens.slice(used), line.length + 1);
    return entry.spec.parse(args, context);
  }

  /** The command a line names (its first path), or undefined if it names none or is blank. */
  commandOf(line: string): string | undefined {
    try {
      const tokens = tokenize(line);
      if (tokens.length === 0) return undefined;
      return this.match(
        tokens.map((t) => t.text),
        tokens[0].column,
      ).entry.spec.paths[0];
    } catch {
      return undefined;
    }
  }

  private match(words: string[], column: number): { entry: Entry<Context>; used: number } {
    let best: { entry: Entry<Context>; used: number; exact: number } | undefined;
    let ambiguous = false;
    for (const entry of this.entries) {
      const score = matchScore(entry.words, words);
      if (score === undefined) continue;
      const used = entry.words.length;
      if (!best || used > best.used || (used === best.used && score > best.exact)) {
        best = { entry, used, exact: score };
        ambiguous = false;
      } else if (used === best.used && score === best.exact && entry.spec !== best.entry.spec) {
        ambiguous = true;
      }
    }
    if (!best) {
      const known = this.entries.filter((e) => e.words[0].startsWith(words[0])).map((e) => e.words.join(" "));
      const hint = known.length > 0 ? `; did you mean: ${[...new Set(known)].slice(0, 6).join(", ")}` : "";
      throw new CliError(column, `unknown command '${words.slice(0, 3).join(" ")}'${hint}`);
    }
    if (ambiguous) throw new CliError(column, `ambiguous command '${words.slice(0, best.used).join(" ")}'`);
    return best;
  }
}

/** How many of `path`'s words the line spells out in full, or undefined if the line does not match. */
function matchScore(path: string[], words: string[]): number | undefined {
  if (words.length < path.length) return undefined;
  let exact = 0;
  for (let i = 0; i < path.length; i++) {
    if (words[i] === path[i]) exact++;
    else if (!path[i].startsWith(words[i])) return undefined;
  }
  return exact;
}
