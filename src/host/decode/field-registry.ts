// Which fields `-e` may name, and a clear error for the others.
import "./frame.js"; // every dissector registers its fields when its module loads
import { definedFields, type FieldDef } from "./field.js";

export const FIELDS_DOC = "docs/decode-fields.md";

// Names people reach for that tshark 4.0 spells differently.
const RENAMED = new Map<string, string>([
  ["ipv6.fragment.offset", "ipv6.fraghdr.offset"],
  ["ipv6.fragment.more", "ipv6.fraghdr.more"],
  ["ipv6.fragment.id", "ipv6.fraghdr.ident"],
  ["ipv6.fragment.ident", "ipv6.fraghdr.ident"],
  ["ipv6.fragment.nxt", "ipv6.fraghdr.nxt"],
  ["ipv6.opt.ioam", "ipv6.opt.ioam.opt_type"],
]);

export class UnknownFieldError extends Error {
  constructor(readonly names: readonly string[]) {
    super(
      `unknown field${names.length === 1 ? "" : "s"}: ${names
        .map((name) => (RENAMED.has(name) ? `${name} (tshark 4.0 calls it ${RENAMED.get(name)})` : name))
        .join(", ")}; the supported fields and their formats are listed in ${FIELDS_DOC}`,
    );
    this.name = "UnknownFieldError";
  }
}

export function supportedFields(): FieldDef[] {
  return [...definedFields().values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function isSupportedField(name: string): boolean {
  return definedFields().has(name);
}

/** Throws UnknownFieldError naming every field that is not supported. */
export function checkFieldNames(names: readonly string[]): void {
  const unknown = [...new Set(names.filter((name) => !isSupportedField(name)))].sort();
  if (unknown.length) throw new UnknownFieldError(unknown);
}
