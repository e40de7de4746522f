// Edge-to-edge sequence numbers in VPP's option 0x1D: the encapsulating node numbers each IOAM
// flow's packets from 1; the decapsulating node counts received, lost, reordered and duplicate
// packets over a 64-packet window. The flow is the classifier opaque without its decap bit.
import { VPP_E2E_SEQUENCE } from "../wire/vpp-ioam.layout";
import {
  E2E_BYPASS_FLOW,
  E2E_DUPLICATES,
  E2E_FLOWS_MAX,
  E2E_FLOW_SIZE,
  E2E_HIGHEST,
  E2E_LOST,
  E2E_NEXT_SEQUENCE,
  E2E_RECEIVED,
  E2E_REORDERED,
  E2E_WINDOW,
  E2E_WINDOW_BITS,
} from "./ioam-config.layout";
import { CLASSIFIER_DECAP_BIT } from "../engine/descriptor.layout";
import { ld32, st32 } from "../engine/bytes";
import { e2eFlowsBase } from "../engine/memory";
import { ERR_E2E_NO_FLOW, ERR_E2E_SEQUENCE_ANALYSED, ERR_E2E_SEQUENCE_INSERTED } from "../graph/graph.layout";

/** The flow record for a classifier opaque, or 0 when the opaque names no flow. */
function flowFor(opaque: u32): usize {
  const flow = opaque & ~CLASSIFIER_DECAP_BIT;
  if (flow == E2E_BYPASS_FLOW || flow >= <u32>E2E_FLOWS_MAX) return 0;
  return e2eFlowsBase + <usize>flow * E2E_FLOW_SIZE;
}

/** At the encapsulating node: writes the flow's next sequence number into the option. */
export function e2eInsert(option: usize, opaque: u32): i32 {
  const flow = flowFor(opaque);
  if (!flow) return ERR_E2E_NO_FLOW;
  const sequence = load<u32>(flow, E2E_NEXT_SEQUENCE) + 1;
  store<u32>(flow, sequence, E2E_NEXT_SEQUENCE);
  st32(option + VPP_E2E_SEQUENCE, sequence);
  return ERR_E2E_SEQUENCE_INSERTED;
}

@inline function bump(flow: usize, field: usize): void {
  store<u64>(flow + field, load<u64>(flow + field) + 1);
}

/** At the decapsulating node: accounts the sequence number carried in the option. */
export function e2eAnalyse(option: usize, opaque: u32): i32 {
  const flow = flowFor(opaque);
  if (!flow) return ERR_E2E_NO_FLOW;
  const sequence = ld32(option + VPP_E2E_SEQUENCE);
  const highest = load<u32>(flow, E2E_HIGHEST);
  let window = load<u64>(flow, E2E_WINDOW);
  if (load<u64>(flow, E2E_RECEIVED) == 0) {
    store<u32>(flow, sequence, E2E_HIGHEST);
    window = 1;
  } else if (sequence > highest) {
    const gap = sequence - highest;
    window = gap < <u32>E2E_WINDOW_BITS ? (window << <u64>gap) | 1 : 1;
    store<u64>(flow, load<u64>(flow, E2E_LOST) + <u64>(gap - 1), E2E_LOST);
    store<u32>(flow, sequence, E2E_HIGHEST);
  } else {
    const back = highest - sequence;
    const bit: u64 = back < <u32>E2E_WINDOW_BITS ? <u64>1 << <u64>back : 0;
    if (bit && window & bit) {
      bump(flow, E2E_DUPLICATES);
    } else {
      window |= bit;
      bump(flow, E2E_REORDERED);
      // It was counted lost when a later number arrived first.
      const lost = load<u64>(flow, E2E_LOST);
      if (lost > 0) store<u64>(flow, lost - 1, E2E_LOST);
    }
  }
  store<u64>(flow, window, E2E_WINDOW);
  bump(flow, E2E_RECEIVED);
  return ERR_E2E_SEQUENCE_ANALYSED;
}
