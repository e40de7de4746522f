// Growing and shrinking a packet in place at a header boundary, used to insert or remove extension
// headers: the octets before the boundary (link and IPv6 headers) move, everything after it stays,
// and the descriptor's recorded header offsets follow.
import {
  DESC_DATA_OFFSET,
  DESC_DEST_OPTIONS,
  DESC_FRAGMENT,
  DESC_HBH,
  DESC_L4,
  DESC_LENGTH,
  DESC_ROUTING,
} from "./descriptor.layout";
import { copyBytes } from "./bytes";
import { enterPacket, packetStart } from "./vector";

@inline function shift(d: usize, field: usize, boundary: u32, delta: i32): void {
  const at = <u32>load<u16>(d + field);
  if (at >= boundary) store<u16>(d + field, <u16>(<i32>at + delta));
}

function shiftOffsets(d: usize, boundary: u32, delta: i32): void {
  shift(d, DESC_HBH, boundary, delta);
  shift(d, DESC_ROUTING, boundary, delta);
  shift(d, DESC_FRAGMENT, boundary, delta);
  shift(d, DESC_DEST_OPTIONS, boundary, delta);
  shift(d, DESC_L4, boundary, delta);
}

/**
 * Opens `length` octets at offset `at` of the packet by moving its first `at` octets into the
 * headroom. Returns the address of the gap, or 0 when the headroom is too small.
 */
export function openGap(d: usize, at: u32, length: u32): usize {
  const offset = <u32>load<u16>(d, DESC_DATA_OFFSET);
  if (offset < length) return 0;
  const start = packetStart(d);
  copyBytes(start - <usize>length, start, <usize>at);
  store<u16>(d, <u16>(offset - length), DESC_DATA_OFFSET);
  store<u16>(d, <u16>(<u32>load<u16>(d, DESC_LENGTH) + length), DESC_LENGTH);
  shiftOffsets(d, at, <i32>length);
  enterPacket(d);
  return start - <usize>length + <usize>at;
}

/** Removes the `length` octets at offset `at` by moving the packet's first `at` octets forward. */
export function closeGap(d: usize, at: u32, length: u32): void {
  const start = packetStart(d);
  copyBytes(start + <usize>length, start, <usize>at);
  store<u16>(d, <u16>(<u32>load<u16>(d, DESC_DATA_OFFSET) + length), DESC_DATA_OFFSET);
  store<u16>(d, <u16>(<u32>load<u16>(d, DESC_LENGTH) - length), DESC_LENGTH);
  shiftOffsets(d, at + length, -<i32>length);
  enterPacket(d);
}
