// Address text exactly as tshark prints it (glibc inet_ntop rules for IPv6).
import { u16 } from "./bytes.js";
import { noteRead } from "./read-spans.js";
import { IPV4_ADDRESS_LENGTH } from "../../../assembly/wire/ipv4.layout.js";
import { IPV6_ADDRESS_LENGTH } from "../../../assembly/wire/ipv6.layout.js";
import { MAC_LENGTH } from "../../../assembly/wire/ethernet.layout.js";

const IPV6_WORDS = IPV6_ADDRESS_LENGTH / 2;
// inet_ntop prints the last 32 bits dotted when the address is IPv4-compatible (::a.b.c.d)
// or IPv4-mapped (::ffff:a.b.c.d); these are the zero-run lengths that mean it.
const COMPATIBLE_ZERO_WORDS = 6;
const MAPPED_ZERO_WORDS = 5;
const MAPPED_MARKER = 0xffff;

export function formatIpv4(data: Uint8Array, offset: number): string {
  const parts: number[] = [];
  noteRead(data, offset, IPV4_ADDRESS_LENGTH);
  for (let i = 0; i < IPV4_ADDRESS_LENGTH; i++) parts.push(data[offset + i] ?? 0);
  return parts.join(".");
}

export function formatIpv6(data: Uint8Array, offset: number): string {
  const words: number[] = [];
  for (let i = 0; i < IPV6_WORDS; i++) words.push(u16(data, offset + i * 2));
  noteRead(data, offset, IPV6_ADDRESS_LENGTH); // the address, not its last word, is what was read
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < IPV6_WORDS;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < IPV6_WORDS && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestLength < 2) bestStart = -1;
  const embedsIpv4 = bestStart === 0 && (bestLength === COMPATIBLE_ZERO_WORDS || (bestLength === MAPPED_ZERO_WORDS && words[5] === MAPPED_MARKER));
  let out = "";
  for (let i = 0; i < IPV6_WORDS; i++) {
    if (bestStart >= 0 && i >= bestStart && i < bestStart + bestLength) {
      if (i === bestStart) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    if (i === 6 && embedsIpv4) {
      out += formatIpv4(data, offset + 12);
      break;
    }
    out += (words[i] as number).toString(16);
  }
  if (bestStart >= 0 && bestStart + bestLength === IPV6_WORDS) out += ":";
  return out;
}

export function formatMac(data: Uint8Array, offset: number): string {
  const parts: string[] = [];
  noteRead(data, offset, MAC_LENGTH);
  for (let i = 0; i < MAC_LENGTH; i++) parts.push((data[offset + i] ?? 0).toString(16).padStart(2, "0"));
  return parts.join(":");
}
