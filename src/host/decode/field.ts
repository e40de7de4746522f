// Field definitions: the tshark name, title and type of every field the decoder can emit, and how
// a value of that type is printed by `tshark -T fields` (the `value`) and by `tshark -V` (the label).
import { hexNumber } from "./format.js";

export type FieldKind = "uint" | "bool" | "ipv4" | "ipv6" | "ether" | "bytes" | "string" | "framenum" | "none";
export type FieldBase = "dec" | "hex";
export type FieldOrigin = "tshark" | "manycast";
export type FieldValue = number | bigint | boolean | string;

export interface FieldDef {
  readonly name: string;
  readonly title: string;
  readonly kind: FieldKind;
  /** Width of the integer type (FT_UINT8 = 8 ... FT_UINT64 = 64); sets the hex digits printed. */
  readonly bits: number;
  readonly base: FieldBase;
  /** Bits of the underlying integer the field occupies; drawn as `0110 .... = ` in labels. */
  readonly mask: number;
  /** tshark's words for true/false in the tree (the `-T fields` value is always 1/0). */
  readonly trueFalse: readonly [string, string];
  /** Fields tshark 4.0 defines match it byte for byte; the others are this project's own. */
  readonly origin: FieldOrigin;
  readonly doc: string;
}

export interface FieldOptions {
  bits?: number;
  base?: FieldBase;
  mask?: number;
  trueFalse?: readonly [string, string];
  doc?: string;
}

const registry = new Map<string, FieldDef>();

function define(origin: FieldOrigin, name: string, title: string, kind: FieldKind, options: FieldOptions): FieldDef {
  const def: FieldDef = {
    name,
    title,
    kind,
    bits: options.bits ?? 0,
    base: options.base ?? "dec",
    mask: options.mask ?? 0,
    trueFalse: options.trueFalse ?? ["True", "False"],
    origin,
    doc: options.doc ?? "",
  };
  if (registry.has(name)) throw new Error(`field ${name} defined twice`);
  registry.set(name, def);
  return def;
}

/** A field tshark 4.0 defines under the same name (checked with `tshark -G fields`). */
export function tsharkField(name: string, title: string, kind: FieldKind, options: FieldOptions = {}): FieldDef {
  return define("tshark", name, title, kind, options);
}

/** A field tshark 4.0 does not have: VPP options, IOAM POT/E2E/DEX data, SRH TLVs. */
export function ownField(name: string, title: string, kind: FieldKind, options: FieldOptions = {}): FieldDef {
  return define("manycast", name, title, kind, options);
}

export function definedFields(): ReadonlyMap<string, FieldDef> {
  return registry;
}

// tshark cuts long byte strings in labels (not in field values) after this many octets.
const LABEL_BYTES_MAX = 36;
const WIDE_INTEGER_BITS = 32;
const WIDE_INTEGER_DIGITS = 16;

/** tshark pads hex to the field type's width, and every type wider than 32 bits to 16 digits. */
function hexDigits(def: FieldDef): number {
  return def.bits > WIDE_INTEGER_BITS ? WIDE_INTEGER_DIGITS : Math.max(1, Math.ceil(def.bits / 4));
}

/** The value exactly as `tshark -T fields` prints it. */
export function formatValue(def: FieldDef, value: FieldValue): string {
  if (def.kind === "bool") return value ? "1" : "0";
  if (def.kind === "none") return "1";
  if (def.kind === "uint" && def.base === "hex" && typeof value !== "string" && typeof value !== "boolean") {
    return hexNumber(value, hexDigits(def));
  }
  return String(value);
}

function maskHexDigits(mask: number): number {
  let span = mask;
  while (span !== 0 && (span & 1) === 0) span >>>= 1;
  return Math.max(1, span.toString(16).length);
}

/** The value as the `-V` tree shows it after the title. */
export function formatTreeValue(def: FieldDef, value: FieldValue): string {
  if (def.kind === "bool") return value ? def.trueFalse[0] : def.trueFalse[1];
  if (def.kind === "uint" && def.base === "hex" && typeof value !== "string" && typeof value !== "boolean") {
    const digits = def.mask ? maskHexDigits(def.mask) : Math.max(1, Math.ceil(def.bits / 4));
    return hexNumber(value, digits);
  }
  if (def.kind === "bytes" && value === "") return "<MISSING>";
  if (def.kind === "bytes" && typeof value === "string" && value.length > LABEL_BYTES_MAX * 2) {
    return value.slice(0, LABEL_BYTES_MAX * 2) + "…";
  }
  return String(value);
}

// Patterns repeat (the same trace type, the same flags): remember a few per field.
const PATTERN_CACHE_LIMIT = 64;
const patternCache = new Map<FieldDef, Map<number, string>>();

/** `0110 .... ` for a field under a bit mask (at most 32 bits), given the whole underlying integer. */
export function bitPattern(def: FieldDef, whole: number): string {
  if (!def.mask || !def.bits) return "";
  let cache = patternCache.get(def);
  const cached = cache?.get(whole);
  if (cached !== undefined) return cached;
  let out = "";
  for (let bit = def.bits - 1; bit >= 0; bit--) {
    out += (def.mask >>> bit) & 1 ? String((whole >>> bit) & 1) : ".";
    if (bit % 4 === 0 && bit !== 0) out += " ";
  }
  out += " = ";
  if (!cache) patternCache.set(def, (cache = new Map()));
  if (cache.size < PATTERN_CACHE_LIMIT) cache.set(whole, out);
  return out;
}
