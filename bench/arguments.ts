// The bench's command lines (`npm run bench`, `npm run bench:ab`): options checked before anything
// runs, so a typo is refused at once instead of starting minutes of measurement without it.

export interface BenchArguments {
  has(flag: string): boolean;
  value(option: string): string | undefined;
  /** The words that are not options (bench:ab's engine builds). */
  readonly positional: string[];
}

export interface ArgumentRules {
  /** Options that stand alone. */
  flags: readonly string[];
  /** Options that take the next word as their value. */
  valued: readonly string[];
  /** How many non-option words are allowed. */
  maxPositional: number;
  usage: string;
}

/** Reads argv after the script; --help prints the usage and exits 0, a mistake prints it and exits 2. */
export function benchArguments(rules: ArgumentRules, argv: string[] = process.argv.slice(2)): BenchArguments {
  const fail = (message: string): never => {
    console.error(`${message}\n${rules.usage}`);
    process.exit(2);
  };
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === "--help" || word === "-h") {
      console.log(rules.usage);
      process.exit(0);
    }
    if (rules.valued.includes(word)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) fail(`${word} needs a value`);
      values.set(word, value);
      i++;
    } else if (rules.flags.includes(word)) flags.add(word);
    else if (word.startsWith("-")) fail(`unknown option '${word}'`);
    else positional.push(word);
  }
  if (positional.length > rules.maxPositional) fail(`unexpected argument '${positional[rules.maxPositional]}'`);
  return { has: (flag) => flags.has(flag), value: (option) => values.get(option), positional };
}
