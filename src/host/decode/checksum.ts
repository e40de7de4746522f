// The Internet checksum (RFC 1071) over an IPv6 pseudo-header (RFC 8200 §8.1) and an upper-layer message.
import { IPV6_ADDRESS_LENGTH } from "../../../assembly/wire/ipv6.layout.js";

const WORD = 0x10000;
const CHECKSUM_LENGTH = 2;

/** Sums big-endian 16-bit words of data[start, end); `odd` says the first byte is a low byte. */
function sum16(data: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += ((data[i] as number) << 8) | (data[i + 1] as number);
  if (i < end) sum += (data[i] as number) << 8;
  return sum;
}

function fold(sum: number): number {
  let s = sum;
  while (s >= WORD) s = (s % WORD) + Math.floor(s / WORD);
  return s;
}

/**
 * The checksum that belongs in the message at data[start, end), whose checksum field sits at
 * `checksumOffset` (an even offset, so skipping it keeps the words aligned).
 */
export function ipv6UpperLayerChecksum(
  src: Uint8Array,
  dst: Uint8Array,
  nextHeader: number,
  data: Uint8Array,
  start: number,
  end: number,
  checksumOffset: number,
): number {
  const length = end - start;
  let sum = sum16(src, 0, IPV6_ADDRESS_LENGTH, 0);
  sum = sum16(dst, 0, IPV6_ADDRESS_LENGTH, sum);
  sum += Math.floor(length / WORD) + (length % WORD) + nextHeader;
  sum = sum16(data, start, start + checksumOffset, sum);
  sum = sum16(data, start + checksumOffset + CHECKSUM_LENGTH, end, sum);
  return ~fold(sum) & 0xffff;
}
