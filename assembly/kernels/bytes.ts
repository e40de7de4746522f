// The packet-memory primitives on their own, for tests: copyBytes (every size and overlap it has a
// branch for, past SMALL_COPY_MAX by memory.copy or by its loop) and the network-order loads and stores, each inside a
// bounds-check window as a node's access would be.
import { copyBytes, ld16, ld32, ld64, openWindow, st16, st32, st64 } from "../engine/bytes";

/**
 * copyBytes(dst, src, n) with the window opened on exactly the two ranges it may touch; with
 * `inLoop`, its loop form past SMALL_COPY_MAX (moveBytes), as the header moves take it.
 */
export function copyBytesKernel(dst: usize, src: usize, n: usize, inLoop: bool): void {
  openWindow(src, src + n, dst, dst + n);
  if (inLoop) copyBytes(dst, src, n, true);
  else copyBytes(dst, src, n);
}

/** The network-order value of `size` (2, 4 or 8) octets at p, through ld16/ld32/ld64. */
export function loadNetworkKernel(p: usize, size: i32): u64 {
  openWindow(p, p + <usize>size, p, p + <usize>size);
  if (size == 2) return <u64>ld16(p);
  if (size == 4) return <u64>ld32(p);
  return ld64(p);
}

/** Stores `value` in network order as `size` (2, 4 or 8) octets at p, through st16/st32/st64. */
export function storeNetworkKernel(p: usize, size: i32, value: u64): void {
  openWindow(p, p + <usize>size, p, p + <usize>size);
  if (size == 2) st16(p, <u32>value);
  else if (size == 4) st32(p, <u32>value);
  else st64(p, value);
}
