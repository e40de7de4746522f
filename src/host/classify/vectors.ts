// How VPP turns spec images into a table's skip/match/mask (vpp-ioam-spec §6.1) and a session's
// key (§6.2). Both images start at byte 0 of the classified data.
import { CLASSIFY_VECTOR_SIZE } from "../../../assembly/classify/classify.layout.js";

export interface MaskVectors {
  skip: number;
  match: number;
  mask: Uint8Array; // match vectors
}

/**
 * skip = leading all-zero vectors (deleted); the rest is zero-padded to whole vectors and its
 * trailing all-zero vectors are dropped; match = what remains. undefined if the mask is all zero.
 */
export function maskVectors(image: Uint8Array): MaskVectors | undefined {
  const first = image.findIndex((b) => b !== 0);
  if (first < 0) return undefined;
  const skip = Math.floor(first / CLASSIFY_VECTOR_SIZE);
  let last = image.length - 1;
  while (image[last] === 0) last--;
  const match = Math.floor(last / CLASSIFY_VECTOR_SIZE) - skip + 1;
  return { skip, match, mask: resized(image.subarray(skip * CLASSIFY_VECTOR_SIZE), match) };
}

/** `bytes` zero-padded or truncated to `vectors` vectors (a copy). */
export function resized(bytes: Uint8Array, vectors: number): Uint8Array {
  const out = new Uint8Array(vectors * CLASSIFY_VECTOR_SIZE);
  out.set(bytes.subarray(0, out.length));
  return out;
}

/**
 * A session key: the match image padded/truncated to (skip + match) vectors, its vectors after the
 * skipped ones, AND-ed with the table mask. Values in fields the mask does not cover vanish.
 */
export function sessionKey(matchImage: Uint8Array, table: { skip: number; mask: Uint8Array }): Uint8Array {
  const key = new Uint8Array(table.mask.length);
  const from = table.skip * CLASSIFY_VECTOR_SIZE;
  for (let i = 0; i < key.length; i++) key[i] = (matchImage[from + i] ?? 0) & table.mask[i];
  return key;
}
