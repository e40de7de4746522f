// What the lab's servers send and its clients check: a body of N octets the same for every server
// and every connection (a 32-bit xorshift stream from a fixed seed), so a client knows its
// SHA-256 without being told by the server that sent it.
import { createHash } from "node:crypto";

const SEED = 0x6d616e79; // "many"

export function labBody(length: number): Buffer {
  const body = Buffer.allocUnsafe(length);
  let x = SEED;
  let k = 0;
  for (; k + 4 <= length; k += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    body.writeUInt32LE(x >>> 0, k);
  }
  for (; k < length; k++) body[k] = (k * 31 + 7) & 0xff;
  return body;
}

export function sha256(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
