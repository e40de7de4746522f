// Wireshark-style display filters over the decoder's fields: `ipv6.opt.ioam.trace.node.id == 0x000005`,
// `tcp.flags.syn == 1 && ipv6.dst == db06::6`, `!icmpv6`, `ipv6.src contains "db04"`.
// A comparison holds when any occurrence of the field holds it (Wireshark's ==); `!=` holds when
// the field is there and no occurrence equals the value. Numbers compare as numbers (0x.. or
// decimal, any width), IPv6 addresses in any spelling, everything else as text.
import { isSupportedField } from "../../../src/host/decode/index.js";
import { formatIp6, parseIp6 } from "../../../src/host/format/ip6-address.js";

export interface FilterFrame {
  fields: Map<string, string[]>;
  /** tshark's "Protocols in frame" list, e.g. eth:ethertype:ipv6:tcp. */
  protocols: readonly string[];
}

export type Predicate = (frame: FilterFrame) => boolean;

export class FilterError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(`column ${column}: ${message}`);
  }
}

type Op = "==" | "!=" | ">" | "<" | ">=" | "<=" | "contains";

const OPS: Record<string, Op> = {
  "==": "==",
  eq: "==",
  "!=": "!=",
  ne: "!=",
  ">": ">",
  gt: ">",
  "<": "<",
  lt: "<",
  ">=": ">=",
  ge: ">=",
  "<=": "<=",
  le: "<=",
  contains: "contains",
};

// Protocol names a filter may test for presence (what the decoder puts in "Protocols in frame").
const PROTOCOLS = new Set([
  "eth",
  "ethertype",
  "vlan",
  "sll",
  "ip",
  "ipv6",
  "ipv6.hopopts",
  "ipv6.dstopts",
  "ipv6.routing",
  "ipv6.fraghdr",
  "tcp",
  "udp",
  "icmp",
  "icmpv6",
  "arp",
  "ah",
  "esp",
  "data",
]);

interface Token {
  text: string;
  column: number;
  quoted: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:("(?:[^"\\]|\\.)*")|(==|!=|>=|<=|&&|\|\||[()!<>])|([^\s()!<>="&|]+))/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    if (m[0].trim() === "") break;
    const column = m.index + m[0].length - m[0].trimStart().length + 1;
    if (m[1]) tokens.push({ text: JSON.parse(m[1]) as string, column, quoted: true });
    else tokens.push({ text: m[2] ?? m[3], column, quoted: false });
  }
  if (text.slice(re.lastIndex).trim() !== "") throw new FilterError(`cannot read "${text.slice(re.lastIndex).trim()}"`, re.lastIndex + 1);
  return tokens;
}

function numeric(text: string): bigint | undefined {
  if (/^0x[0-9a-f]+$/i.test(text) || /^-?\d+$/.test(text)) return BigInt(text);
  return undefined;
}

function canonicalIp6(text: string): string | undefined {
  if (!text.includes(":")) return undefined;
  const bytes = parseIp6(text);
  return bytes ? formatIp6(bytes) : undefined;
}

function compare(value: string, op: Op, literal: string): boolean {
  if (op === "contains") return value.toLowerCase().includes(literal.toLowerCase());
  const a = numeric(value);
  const b = numeric(literal);
  let order: number;
  if (a !== undefined && b !== undefined) order = a < b ? -1 : a > b ? 1 : 0;
  else {
    const ia = canonicalIp6(value);
    const ib = canonicalIp6(literal);
    const x = ia !== undefined && ib !== undefined ? ia : value;
    const y = ia !== undefined && ib !== undefined ? ib : literal;
    order = x < y ? -1 : x > y ? 1 : 0;
  }
  switch (op) {
    case "==":
      return order === 0;
    case ">":
      return order > 0;
    case "<":
      return order < 0;
    case ">=":
      return order >= 0;
    case "<=":
      return order <= 0;
    default:
      return order !== 0;
  }
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Predicate {
    const p = this.or();
    if (this.at < this.tokens.length) throw new FilterError(`unexpected "${this.tokens[this.at].text}"`, this.tokens[this.at].column);
    return p;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private is(...words: string[]): boolean {
    const t = this.peek();
    return t !== undefined && !t.quoted && words.includes(t.text);
  }

  private or(): Predicate {
    return this.chain(
      ["||", "or"],
      () => this.and(),
      (l, r) => (f) => l(f) || r(f),
    );
  }

  private and(): Predicate {
    return this.chain(
      ["&&", "and"],
      () => this.not(),
      (l, r) => (f) => l(f) && r(f),
    );
  }

  /** `operand (op operand)*`, left-associative: `or` and `and` differ only in their words, operand and join. */
  private chain(words: string[], operand: () => Predicate, join: (l: Predicate, r: Predicate) => Predicate): Predicate {
    let left = operand();
    while (this.is(...words)) {
      this.at++;
      left = join(left, operand());
    }
    return left;
  }

  private not(): Predicate {
    if (this.is("!", "not")) {
      this.at++;
      const inner = this.not();
      return (f) => !inner(f);
    }
    return this.primary();
  }

  private primary(): Predicate {
    const t = this.peek();
    if (!t) throw new FilterError("a field name is missing at the end", (this.tokens.at(-1)?.column ?? 0) + 1);
    if (this.is("(")) {
      this.at++;
      const inner = this.or();
      if (!this.is(")")) throw new FilterError('")" is missing', this.peek()?.column ?? t.column);
      this.at++;
      return inner;
    }
    this.at++;
    const name = t.text;
    const field = isSupportedField(name);
    if (!field && !PROTOCOLS.has(name)) throw new FilterError(`"${name}" is neither a field nor a protocol (fields: docs/decode-fields.md)`, t.column);
    const opToken = this.peek();
    const op = opToken && !opToken.quoted ? OPS[opToken.text] : undefined;
    if (!op) {
      if (field) return (f) => f.fields.has(name);
      return (f) => f.protocols.includes(name);
    }
    if (!field) throw new FilterError(`"${name}" is a protocol: it has no value to compare`, t.column);
    this.at++;
    const literalToken = this.peek();
    if (!literalToken || (!literalToken.quoted && ["&&", "||", ")", "(", "!"].includes(literalToken.text))) {
      throw new FilterError(`a value is missing after "${opToken!.text}"`, opToken!.column);
    }
    this.at++;
    const literal = literalToken.text;
    if (op === "!=") {
      return (f) => {
        const values = f.fields.get(name);
        return values !== undefined && values.every((v) => !compare(v, "==", literal));
      };
    }
    return (f) => f.fields.get(name)?.some((v) => compare(v, op, literal)) ?? false;
  }
}

/** Compiles a display filter; an empty filter shows everything. Throws FilterError. */
export function compileFilter(text: string): Predicate | undefined {
  if (text.trim() === "") return undefined;
  return new Parser(tokenize(text)).parse();
}
