// Renders traced packets like VPP's `show trace`: per packet, one block per node with the time
// since the first traced packet (hh:mm:ss:usec), the node's view of the packet and its decision.
import { ERRORS, nodeName } from "../engine/graph-info.js";
import { NODE_ERROR_DROP, NODE_IP6_ADD_HOP_BY_HOP, NODE_IP6_HOP_BY_HOP, NODE_IP6_POP_HOP_BY_HOP } from "../../../assembly/graph/graph.layout.js";

const HOP_BY_HOP_NODES = new Set([NODE_IP6_ADD_HOP_BY_HOP, NODE_IP6_HOP_BY_HOP, NODE_IP6_POP_HOP_BY_HOP]);
import { vppHopByHopLines, vppPacketLines } from "../format/vpp-packet.js";
import type { InterfaceTable } from "./interfaces.js";
import type { TracedPacket } from "./packet-trace.js";

function clock(elapsedNs: bigint): string {
  const usec = elapsedNs / 1000n;
  const s = usec / 1_000_000n;
  const pad = (v: bigint, n: number) => v.toString().padStart(n, "0");
  return `${pad(s / 3600n, 2)}:${pad((s / 60n) % 60n, 2)}:${pad(s % 60n, 2)}:${pad(usec % 1_000_000n, 6)}`;
}

export function formatTrace(packets: readonly TracedPacket[], interfaces: InterfaceTable, max = Infinity): string {
  const out = ["------------------- Start of thread 0 manycast_main -------------------"];
  if (packets.length === 0) out.push("No packets in trace buffer");
  const epoch = packets.length ? BigInt(packets[0].tsSec) * 1_000_000_000n + BigInt(packets[0].tsNsec) : 0n;
  for (const packet of packets.slice(0, max)) {
    const when = clock(BigInt(packet.tsSec) * 1_000_000_000n + BigInt(packet.tsNsec) - epoch);
    out.push(`Packet ${packet.number}`, "");
    out.push(`${when}: ${packet.interfaceName}-rx`);
    out.push(`  ${packet.interfaceName}: ${packet.length} bytes, capture time ${packet.tsSec}.${packet.tsNsec.toString().padStart(9, "0")}`);
    for (const step of packet.steps) {
      out.push(`${when}: ${nodeName(step.node)}`);
      for (const line of vppPacketLines(step.snapshot, packet.linkType)) out.push(`  ${line}`);
      if (HOP_BY_HOP_NODES.has(step.node)) for (const line of vppHopByHopLines(step.snapshot, packet.linkType)) out.push(`  ${line}`);
      const reason = step.error ? ERRORS[step.error]?.reason : undefined;
      if (step.next === NODE_ERROR_DROP && step.node !== NODE_ERROR_DROP) out.push(`  drop: ${reason ?? "unknown"}`);
      else if (step.next !== step.node) {
        const tx = step.next === step.node ? "" : ` (tx ${interfaces.name(step.txInterface)})`;
        out.push(`  next ${nodeName(step.next)}${nodeName(step.next) === "interface-output" ? tx : ""}${reason ? `: ${reason}` : ""}`);
      } else {
        out.push(`  ${interfaces.name(step.txInterface)}-tx: ${step.length} bytes${reason ? `: ${reason}` : ""}`);
      }
    }
    out.push("");
  }
  return out.join("\n");
}
