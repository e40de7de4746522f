// The TCP service-affinity option on its own, for tests: descriptors [0, n) as parseVector left them.
import { desc, enterPacket, countError, markError, packetLength, packetStart } from "../engine/vector";
import { DESC_L4 } from "../engine/descriptor.layout";
import { tcpAffinityFind } from "../wire/tcp-affinity";
import { tcpAffinityAppend } from "../affinity/add-option";
import { ERR_TCP_AFFINITY_ADDED, ERR_TCP_AFFINITY_NO_OPTION_SPACE } from "../graph/graph.layout";
import { WIRE_TCP_AFFINITY_NO_OPTION_SPACE } from "../wire/reasons.layout";

/** Adds the option (server address at `server`, `port`, `family` 6 or 4) to every packet; returns how many got it. */
export function tcpAffinityAppendVector(n: i32, server: usize, port: u32, family: u32): i32 {
  let added = 0;
  for (let i = 0; i < n; i++) {
    const d = desc(i);
    enterPacket(d);
    const err = tcpAffinityAppend(d, server, port, family);
    if (err == 0) {
      countError(ERR_TCP_AFFINITY_ADDED);
      added++;
    } else markError(d, ERR_TCP_AFFINITY_NO_OPTION_SPACE - WIRE_TCP_AFFINITY_NO_OPTION_SPACE + err);
  }
  return added;
}

/** Offset from the packet start of descriptor `i`'s service-affinity option, or 0. */
export function tcpAffinityFindOffset(i: i32): i32 {
  const d = desc(i);
  enterPacket(d);
  const l4 = <usize>load<u16>(d, DESC_L4);
  if (l4 == 0) return 0;
  const start = packetStart(d);
  const at = tcpAffinityFind(start + l4, start + <usize>packetLength(d));
  return at == 0 ? 0 : <i32>(at - start);
}
