// VPP's classifier spec language, shared by `mask <spec>` and `match <spec>`:
//   hex <digits> | l2 none | l2 <fields> | l3 ip6 <fields> | l3 ip4 <fields> | l4 <fields>
// A mask names fields (`l3 ip6 dst`); a match gives each a value (`l3 ip6 dst db06::6`). The result
// is a byte image of the packet from byte 0: the Ethernet header (14 zero octets unless `l2` fields
// are given; none at all with `l2 none`), then the l3 header, then the l4 ports, as VPP builds it.
import type { Arguments } from "../arguments.js";
import { CliError } from "../tokens.js";
import {
  allOnes,
  fieldNames,
  findField,
  IP4_LAYOUT,
  IP6_LAYOUT,
  L2_LAYOUT,
  L4_LAYOUT,
  parseFieldValue,
  valueDescription,
  writeBits,
  type HeaderLayout,
} from "../../classify/header-fields.js";

export type SpecMode = "mask" | "match";

interface SpecParts {
  hex?: { bytes: Uint8Array; column: number };
  l2?: Uint8Array | "none";
  l3?: Uint8Array;
  l4?: { bytes: Uint8Array; column: number };
  layerColumn?: number;
}

/** Reads one spec at the cursor; later groups of the same kind replace earlier ones, as in VPP. */
export function parseSpec(args: Arguments, mode: SpecMode): Uint8Array {
  const parts: SpecParts = {};
  let groups = 0;
  for (; ; groups++) {
    const column = args.column;
    if (args.accept("hex")) {
      parts.hex = { bytes: parseHexDigits(args), column };
      continue;
    }
    if (args.accept("l2")) parts.l2 = args.accept("none") ? "none" : parseLayer(args, L2_LAYOUT, mode);
    else if (args.accept("l3")) parts.l3 = parseLayer(args, l3Layout(args), mode);
    else if (args.accept("l4")) parts.l4 = { bytes: parseLayer(args, L4_LAYOUT, mode), column };
    else break;
    parts.layerColumn ??= column;
  }
  if (groups === 0) args.fail(`a ${mode}: hex <digits>, l2 none|<fields>, l3 ip6|ip4 <fields> or l4 <fields>`);
  return compose(parts);
}

function compose(parts: SpecParts): Uint8Array {
  const { hex, l2, l3, l4, layerColumn } = parts;
  if (layerColumn === undefined) return hex!.bytes;
  if (hex) {
    throw new CliError(hex.column, "hex cannot be combined with l2/l3/l4 (VPP would silently drop the hex part)");
  }
  if (l4 && !l3) throw new CliError(l4.column, "l4 needs an l3 part ('l3 ip6 ...' or 'l3 ip4 ...'): its ports follow the l3 header");
  const l2Bytes = l2 === "none" ? new Uint8Array(0) : (l2 ?? new Uint8Array(L2_LAYOUT.length));
  const pieces = [l2Bytes, l3 ?? new Uint8Array(0), l4?.bytes ?? new Uint8Array(0)];
  const image = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    image.set(p, at);
    at += p.length;
  }
  return image;
}

function l3Layout(args: Arguments): HeaderLayout {
  if (args.accept("ip6")) return IP6_LAYOUT;
  if (args.accept("ip4")) return IP4_LAYOUT;
  return args.fail("'ip6' or 'ip4' after 'l3'");
}

function parseLayer(args: Arguments, layout: HeaderLayout, mode: SpecMode): Uint8Array {
  const image = new Uint8Array(layout.length);
  let fields = 0;
  for (;;) {
    const word = args.peek();
    const field = word === undefined ? undefined : findField(layout, word);
    if (!field) break;
    args.word(field.names[0]);
    fields++;
    if (mode === "mask") {
      writeBits(image, field, allOnes(field));
      continue;
    }
    const column = args.column;
    const text = args.word(`${valueDescription(field)} after '${word}'`);
    const value = parseFieldValue(field, text);
    if (value === undefined) throw new CliError(column, `expected ${valueDescription(field)} after '${word}', found '${text}'`);
    writeBits(image, field, value);
  }
  const form = mode === "mask" ? "field" : "field and its value";
  if (fields === 0) args.fail(`${layout.what === "l2" ? "'none' or an l2" : `an ${layout.what}`} ${form} (${fieldNames(layout)})`);
  return image;
}

function parseHexDigits(args: Arguments): Uint8Array {
  const column = args.column;
  const text = args.word("hex digits after 'hex'");
  if (!/^[0-9a-fA-F]+$/.test(text) || text.length % 2 !== 0) {
    throw new CliError(column, `expected an even number of hex digits after 'hex', found '${text}'`);
  }
  return Uint8Array.from(text.match(/../g)!, (pair) => Number.parseInt(pair, 16));
}
