// Address text for every printer (VPP-style show output, traces, exports): one implementation,
// the decoder's, which prints exactly what tshark (glibc inet_ntop) prints; and IPv6 parsing for
// the CLI.
import { formatIpv4, formatIpv6, formatMac as formatMacAt } from "../decode/address.js";

export function formatIp6(bytes: Uint8Array, offset = 0): string {
  return formatIpv6(bytes, offset);
}

export function formatIp4(bytes: Uint8Array, offset = 0): string {
  return formatIpv4(bytes, offset);
}

export function formatMac(bytes: Uint8Array, offset = 0): string {
  return formatMacAt(bytes, offset);
}

/** Parses an IPv6 address in any RFC 4291 text form; undefined if it is not one. */
export function parseIp6(text: string): Uint8Array | undefined {
  let head = text;
  let v4Tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".") && lastColon >= 0) {
    const v4 = text
      .slice(lastColon + 1)
      .split(".")
      .map((p) => (/^[0-9]{1,3}$/.test(p) ? Number(p) : NaN));
    if (v4.length !== 4 || v4.some((n) => !(n <= 255))) return undefined;
    v4Tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    head = text.slice(0, lastColon + 1) + "0";
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const parse = (s: string): number[] | undefined => {
    if (s === "") return [];
    const parts = s.split(":");
    const out: number[] = [];
    for (const p of parts) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return undefined;
      out.push(Number.parseInt(p, 16));
    }
    return out;
  };
  const left = parse(halves[0]);
  const right = halves.length === 2 ? parse(halves[1]) : [];
  if (!left || !right) return undefined;
  if (v4Tail.length) (halves.length === 2 ? right : left).splice(-1, 1, ...v4Tail);
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...right];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/** The top 64 bits of an address or prefix ("db06::/64" -> "db06000000000000"): what a classifier matches for a /64. */
export function top64Hex(addressOrPrefix: string): string {
  const address = parseIp6(addressOrPrefix.split("/")[0]);
  if (!address) throw new Error(`not an IPv6 address or prefix: ${addressOrPrefix}`);
  return Array.from(address.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}
