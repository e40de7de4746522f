// nsim: holds each packet leaving an interface that has a configured delay, and releases it to
// interface-output when the engine clock reaches its departure time, as VPP's network delay
// simulator does; with jitter the delays spread uniformly around the mean (and may reorder, as a
// real jittery link does). A packet is delayed once: its release mark says so.
import { DESC_TS_NSEC, DESC_TS_SEC, DESC_TX_IF } from "../engine/descriptor.layout";
import { PARK_MARK_DELAYED } from "../engine/park.layout";
import { parkUntil } from "../engine/park";
import { noteDelayed } from "../engine/tx-queue";
import { allocate } from "../engine/memory";
import { departureFloor, toNanoseconds } from "../engine/clock";
import { countError, desc, dropPacket, frameSlot } from "../engine/vector";
import { NSIM_CONFIG_SIZE, NSIM_DELAY_NS, NSIM_ENTRY_SIZE, NSIM_INTERFACES_MAX, NSIM_JITTER_NS, NSIM_RANDOM_STATE } from "./nsim.layout";
import { ERR_NSIM_DELAYED, ERR_NSIM_NO_BUFFER, NODE_INTERFACE_OUTPUT } from "../graph/graph.layout";

export const nsimConfig: usize = allocate(NSIM_CONFIG_SIZE);

export function nsimConfigAddress(): usize {
  return nsimConfig;
}

@inline function entry(txIf: u32): usize {
  return nsimConfig + <usize>txIf * NSIM_ENTRY_SIZE;
}

/** True when packets leaving on `txIf` wait in nsim first (once: see DESC_PARK_MARK). */
@inline export function nsimDelaysInterface(txIf: u32): bool {
  return txIf < <u32>NSIM_INTERFACES_MAX && load<u64>(entry(txIf), NSIM_DELAY_NS) != 0;
}

// xorshift64*: reproducible jitter from the host's seed.
function nextRandom(): u64 {
  let x = load<u64>(nsimConfig, NSIM_RANDOM_STATE);
  if (x == 0) x = 0x9e3779b97f4a7c15;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  store<u64>(nsimConfig, x, NSIM_RANDOM_STATE);
  return x * 0x2545f4914f6cdd1d;
}

function delayOf(txIf: u32): u64 {
  const e = entry(txIf);
  const delay = load<u64>(e, NSIM_DELAY_NS);
  const jitter = load<u64>(e, NSIM_JITTER_NS);
  if (jitter == 0) return delay;
  const spread = (nextRandom() >> 11) % (2 * jitter + 1);
  const low = jitter > delay ? 0 : delay - jitter;
  return low + spread;
}

/**
 * Each packet leaves at its own arrival plus its delay: the vector's clock is the time of its last
 * frame, and frames a vector gathered earlier (or a neighbour stamped far later) must not move it.
 * Live, the link starts when the engine sends, not when the kernel stamped the frame: a frame the
 * engine took late (a receive block's timeout, a scheduling delay) is delayed from the time its
 * vector began, as VPP's nsim delays from its own processing time, so every copy of a packet (a
 * spray) keeps its link's delay whatever kept the engine.
 */
export function nsim(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = frameSlot(frame, k);
    const d = desc(i);
    const stamped = toNanoseconds(load<u64>(d, DESC_TS_SEC), load<u32>(d, DESC_TS_NSEC));
    const floor = departureFloor();
    const arrival = stamped > floor ? stamped : floor;
    if (!parkUntil(i, arrival + delayOf(<u32>load<u16>(d, DESC_TX_IF)), NODE_INTERFACE_OUTPUT, PARK_MARK_DELAYED)) {
      dropPacket(i, d, ERR_NSIM_NO_BUFFER);
      continue;
    }
    // Parked: the packet leaves this vector here and comes back at its departure time.
    noteDelayed(<u32>load<u16>(d, DESC_TX_IF), 1);
    countError(ERR_NSIM_DELAYED);
  }
}
