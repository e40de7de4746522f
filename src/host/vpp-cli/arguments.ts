// A cursor over a command's argument words with VPP-style typed readers. Every failure names the
// column and what was expected, so a config file error points at the offending word.
import { CliError, type Token } from "./tokens.js";

export class Arguments {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly endColumn: number,
  ) {}

  get done(): boolean {
    return this.index >= this.tokens.length;
  }

  peek(): string | undefined {
    return this.tokens[this.index]?.text;
  }

  /** Column of the next word, or just past the line's end. */
  get column(): number {
    return this.tokens[this.index]?.column ?? this.endColumn;
  }

  fail(expected: string): never {
    const found = this.peek();
    throw new CliError(this.column, found === undefined ? `expected ${expected}, found end of line` : `expected ${expected}, found '${found}'`);
  }

  /** Consumes `word` (or any of its spellings) if it is next. */
  accept(...spellings: string[]): boolean {
    const next = this.peek();
    if (next !== undefined && spellings.includes(next)) {
      this.index++;
      return true;
    }
    return false;
  }

  expect(...spellings: string[]): void {
    if (!this.accept(...spellings)) this.fail(spellings.map((s) => `'${s}'`).join(" or "));
  }

  word(what: string): string {
    const next = this.peek();
    if (next === undefined) this.fail(what);
    this.index++;
    return next;
  }

  /** Decimal or 0x-hex unsigned integer within [min, max]. */
  integer(what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const column = this.column;
    const text = this.word(what);
    const value = parseUnsigned(text);
    if (value === undefined) throw new CliError(column, `expected ${what}, found '${text}'`);
    if (value < min || value > max) throw new CliError(column, `${what} ${text} is out of range ${min}..${max}`);
    return value;
  }

  /** An integer within [min, max] that is a power of two (table sizes); `refusal` words the error for one that is not. */
  powerOfTwo(what: string, min: number, max: number, refusal = (value: number) => `${what} ${value} is not a power of two`): number {
    const column = this.column;
    const value = this.integer(what, min, max);
    if (value & (value - 1)) throw new CliError(column, refusal(value));
    return value;
  }

  /** Unsigned integer that may exceed 2^53 (keys, primes): decimal or 0x-hex. */
  bigInteger(what: string, max: bigint): bigint {
    const column = this.column;
    const text = this.word(what);
    if (!/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text)) throw new CliError(column, `expected ${what}, found '${text}'`);
    const value = BigInt(text);
    if (value > max) throw new CliError(column, `${what} ${text} is out of range 0..${max}`);
    return value;
  }

  end(): void {
    if (!this.done) this.fail("end of line");
  }
}

export function parseUnsigned(text: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^[0-9]+$/.test(text)) return Number.parseInt(text, 10);
  return undefined;
}
