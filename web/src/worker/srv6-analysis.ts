// The SRv6 view's data: every packet with a segment routing header, its segment list and
// Segments Left, read from the decoder's fields (the first SRH of the packet).
import type { Srv6Packet } from "../protocol.js";
import type { CaptureStore } from "./capture-store.js";

const MAX_LISTED = 5_000;

export function analyseSrv6(store: CaptureStore): { packets: Srv6Packet[]; total: number } {
  const packets: Srv6Packet[] = [];
  let total = 0;
  for (const { record, fields } of store.decodedFrames()) {
    const segments = fields.get("ipv6.routing.srh.addr");
    if (!segments) continue;
    total++;
    if (packets.length >= MAX_LISTED) continue;
    const lastEntry = Number(fields.get("ipv6.routing.srh.last_entry")?.[0] ?? segments.length - 1);
    // An ICMPv6 error (type < 128) with an SRH quotes the packet that carried it: the addresses
    // are that packet's (the second IPv6 header), and the row says so.
    const quoted = Number(fields.get("icmpv6.type")?.[0] ?? 128) < 128 && (fields.get("ipv6.src")?.length ?? 0) > 1;
    const at = quoted ? 1 : 0;
    // An SRH has Last Entry + 1 addresses; more are an inner packet's (an ICMP error's quote, a tunnel's).
    packets.push({
      index: record.index,
      src: fields.get("ipv6.src")?.[at] ?? "",
      dst: fields.get("ipv6.dst")?.[at] ?? "",
      quoted,
      segmentsLeft: Number(fields.get("ipv6.routing.segleft")?.[0] ?? 0),
      lastEntry,
      segments: segments.slice(0, lastEntry + 1),
    });
  }
  return { packets, total };
}
