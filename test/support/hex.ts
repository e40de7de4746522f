// Hex strings (whitespace ignored) to bytes and back, for byte vectors in tests.
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, "");
  if (clean.length % 2) throw new Error(`odd-length hex: ${clean.length} digits`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Ethernet II header (dst 02:..:02, src 02:..:01) in front of an IPv6 packet. */
export function ethernetIp6(ip6: Uint8Array): Uint8Array {
  const frame = new Uint8Array(14 + ip6.length);
  frame.set(hex("020000000002 020000000001 86dd"));
  frame.set(ip6, 14);
  return frame;
}

export const A1 = "20010db8000100000000000000000002"; // 2001:db8:1::2
export const A2 = "20010db8000200000000000000000002"; // 2001:db8:2::2

/** An IPv6 header (hex) with the right payload length in front of `payload` (hex). */
export function ipv6Hex(nextHeader: number, payload: string, src = A1, dst = A2, hopLimit = 64): string {
  const length = payload.replace(/\s/g, "").length / 2;
  return `60000000${length.toString(16).padStart(4, "0")}${nextHeader.toString(16).padStart(2, "0")}${hopLimit.toString(16).padStart(2, "0")}${src}${dst}${payload}`;
}
