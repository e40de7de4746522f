// Walks the option TLVs of a hop-by-hop or destination options header and checks that each one
// lies inside the header. Returns 0 or the error id.
import { OPTION_DATA, OPTION_LENGTH, OPTION_HEADER_LENGTH, OPT_PAD1 } from "./options.layout";
import { ld8 } from "../engine/bytes";
import { ERR_IP6_OPTION_PAST_END, ERR_IP6_OPTION_TRUNCATED } from "../graph/graph.layout";

/** `first` is the first option octet, `end` one past the header's last octet. */
export function validateOptions(first: usize, end: usize): i32 {
  let p = first;
  while (p < end) {
    const type = ld8(p);
    if (type == OPT_PAD1) {
      p += 1;
      continue;
    }
    if (p + OPTION_HEADER_LENGTH > end) return ERR_IP6_OPTION_TRUNCATED;
    const next = p + OPTION_DATA + <usize>ld8(p + OPTION_LENGTH);
    if (next > end) return ERR_IP6_OPTION_PAST_END;
    p = next;
  }
  return 0;
}

/**
 * Finds the first option of `type` in [first, end) of an already validated header.
 * Returns its address or 0.
 */
export function findOption(first: usize, end: usize, type: u32): usize {
  let p = first;
  while (p < end) {
    const t = ld8(p);
    if (t == type) return p;
    if (t == OPT_PAD1) p += 1;
    else p += OPTION_DATA + <usize>ld8(p + OPTION_LENGTH);
  }
  return 0;
}
