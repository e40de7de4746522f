// The classifier lookup on its own, for benchmarks: every descriptor in [0, n) is looked up in its
// rx interface's input-ACL chain exactly as ip6-inacl does, without the graph around it and
// without touching the packet or its descriptor. Returns how many packets hit a session.
import { DESC_L3, DESC_RX_IF } from "../engine/descriptor.layout";
import { desc, enterPacket, packetLength, packetStart } from "../engine/vector";
import { inputAclTable, lookupChain } from "../classify/table";

export function classifyVector(n: i32): i32 {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const d = desc(i);
    enterPacket(d);
    const table = inputAclTable(<u32>load<u16>(d, DESC_RX_IF));
    if (lookupChain(table, packetStart(d), packetLength(d), <i32>load<u16>(d, DESC_L3))) hits++;
  }
  return hits;
}
