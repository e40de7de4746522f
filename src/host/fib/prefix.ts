// IPv6 prefixes as the FIB keys them: four 32-bit words, each the big-endian value of 4 address
// octets, host bits cleared; and the key hash, computed exactly as the Wasm lookup computes it
// (assembly/fib/fib.ts). The benchmark's TypeScript baseline uses the same functions.
import { FIB_ADDRESS_WORDS, FIB_HASH_FINAL, FIB_HASH_FIB_STEP, FIB_HASH_MULTIPLIER, FIB_HASH_SEED } from "../../../assembly/fib/fib.layout.js";
import { formatIp6, parseIp6 } from "../format/ip6-address.js";

export const IP6_MAX_PREFIX_LENGTH = 128;

export interface Ip6Prefix {
  /** 16 octets, host bits cleared. */
  address: Uint8Array;
  length: number;
}

/** Word `word` (0..3) of the netmask of a /length prefix. */
export function maskWord(length: number, word: number): number {
  const bits = length - 32 * word;
  if (bits <= 0) return 0;
  if (bits >= 32) return 0xffffffff;
  return (0xffffffff << (32 - bits)) >>> 0;
}

function mix(h: number, word: number): number {
  h = Math.imul(h ^ word, FIB_HASH_MULTIPLIER);
  return h ^ (h >>> 15);
}

/** FIB `fib`'s hash seed: each FIB hashes its prefixes with its own. */
export function fibSeed(fib: number): number {
  return (FIB_HASH_SEED + Math.imul(fib, FIB_HASH_FIB_STEP)) >>> 0;
}

/** The FIB key hash of four masked words in FIB `fib` (unsigned 32-bit). */
export function fibHash(w0: number, w1: number, w2: number, w3: number, fib = 0): number {
  let h = mix(mix(mix(mix(fibSeed(fib), w0), w1), w2), w3);
  h = Math.imul(h ^ (h >>> 13), FIB_HASH_FINAL);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The address's four words with the bits past `length` cleared. */
export function prefixWords(address: Uint8Array, length: number): Uint32Array {
  const words = new Uint32Array(FIB_ADDRESS_WORDS);
  for (let w = 0; w < FIB_ADDRESS_WORDS; w++) {
    const o = 4 * w;
    const value = ((address[o] << 24) | (address[o + 1] << 16) | (address[o + 2] << 8) | address[o + 3]) >>> 0;
    words[w] = (value & maskWord(length, w)) >>> 0;
  }
  return words;
}

/** The prefix with its host bits cleared (VPP masks configured prefixes the same way). */
export function ip6Prefix(address: Uint8Array, length: number): Ip6Prefix {
  const masked = address.slice(0, 16);
  const whole = length >> 3;
  if (whole < 16) {
    masked[whole] &= 0xff << (8 - (length & 7));
    masked.fill(0, whole + 1);
  }
  return { address: masked, length };
}

/** A map key for a prefix made by ip6Prefix (its host bits are clear): one character per octet. */
export function prefixKey(prefix: Ip6Prefix): string {
  return `${String.fromCharCode.apply(null, prefix.address as unknown as number[])}/${prefix.length}`;
}

export function formatPrefix(prefix: Ip6Prefix): string {
  return `${formatIp6(prefix.address)}/${prefix.length}`;
}

/** Whether `address` lies inside `prefix`. */
export function prefixContains(prefix: Ip6Prefix, address: Uint8Array): boolean {
  const whole = prefix.length >> 3;
  for (let i = 0; i < whole; i++) if (address[i] !== prefix.address[i]) return false;
  const bits = prefix.length & 7;
  return bits === 0 || ((address[whole] ^ prefix.address[whole]) & (0xff << (8 - bits)) & 0xff) === 0;
}

/** Parses `ADDR/LEN` (the length is required); a message saying what is wrong otherwise. */
export function parseIp6Prefix(text: string): { address: Uint8Array; length: number } | string {
  const slash = text.indexOf("/");
  if (slash < 0) return `expected an IPv6 prefix ADDR/LEN, found '${text}'`;
  const address = parseIp6(text.slice(0, slash));
  if (!address) return `'${text.slice(0, slash)}' is not an IPv6 address`;
  const lengthText = text.slice(slash + 1);
  const length = /^[0-9]{1,3}$/.test(lengthText) ? Number(lengthText) : NaN;
  if (!(length <= IP6_MAX_PREFIX_LENGTH)) return `prefix length '${lengthText}' is not 0..${IP6_MAX_PREFIX_LENGTH}`;
  return { address, length };
}
