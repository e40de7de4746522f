// IPv6 fragment header (RFC 8200 §4.5) accessors.
import { FRAGMENT_OFFSET_FLAGS, FRAGMENT_OFFSET_MASK, FRAGMENT_MORE } from "./fragment.layout";
import { ld16 } from "../engine/bytes";

/** Offset of this fragment's data in the original packet, in octets. */
@inline export function fragmentOffset(fragment: usize): u32 {
  return ld16(fragment + FRAGMENT_OFFSET_FLAGS) & FRAGMENT_OFFSET_MASK;
}

@inline export function fragmentHasMore(fragment: usize): bool {
  return (ld16(fragment + FRAGMENT_OFFSET_FLAGS) & FRAGMENT_MORE) != 0;
}
