// The TypeScript baselines' packets: back to back in one Uint8Array, one engine buffer apart, each
// after 256 octets of headroom, with its offset and length beside it.
import { BUFFER_SIZE } from "../../../assembly/engine/descriptor.layout.js";

export interface PackedFrames {
  mem: Uint8Array;
  offsets: Uint32Array;
  lengths: Uint16Array;
}

export function packFrames(frames: readonly Uint8Array[]): PackedFrames {
  const mem = new Uint8Array(frames.length * BUFFER_SIZE);
  const offsets = new Uint32Array(frames.length);
  const lengths = new Uint16Array(frames.length);
  frames.forEach((f, i) => {
    offsets[i] = i * BUFFER_SIZE + 256;
    lengths[i] = f.length;
    mem.set(f, offsets[i]);
  });
  return { mem, offsets, lengths };
}
