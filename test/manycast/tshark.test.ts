// What tshark (and our decoder, field for field) reads from the packets of one M-Anycast round: the
// SYN M sprays (E2E-cache and E2E-ID as hop-by-hop options after the trace), the SYN-ACK the server
// edge sends back (SRH [client, edge SID], Segments Left 1), the winner M forwards and the RSTs it
// sends the losers (TCP checksum Good with tshark's validation on: the pseudo-header takes the
// anycast address, the SRH's final segment).
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { describeWith, NEEDS } from "../support/requirements.js";
import { writeFrames } from "../support/cli.js";
import { ethernetIp6 } from "../support/hex.js";
import { tsharkRows } from "../support/tshark.js";
import { compareWithTshark, report } from "../decode/helpers/differential.js";
import { tempDir } from "../decode/helpers/oracles.js";
import { EDGE_SIDS, MS, T0, mNode, round } from "./harness.js";
import { ANYCAST, CLIENT, M_LOCALSID, syn, synAck } from "./packets.js";

describeWith(NEEDS.tshark, "tshark on an M-Anycast round", () => {
  let pcap = "";
  const fields = (names: string[], extra: string[] = []) => tsharkRows(pcap, names, extra);

  beforeAll(async () => {
    const m = await mNode();
    const synCopy = m.receive("client", [syn()], T0).find((o) => o.iface === "e1")!.data;
    const r = await round(syn(), synAck(), [5n, 2n, 9n]);
    const decided = r.m.poll(T0 + 20n * MS);
    const winner = decided.find((o) => o.iface === "client")!.data;
    const resets = decided
      .filter((o) => o.iface !== "client")
      .sort((a, b) => a.iface.localeCompare(b.iface))
      .map((o) => o.data);
    pcap = join(tempDir("manycast-"), "round.pcap");
    // 1: M's SYN to E1; 2: E1's SYN-ACK to M; 3: the winner to the client; 4, 5: RSTs to E1 and E3.
    writeFrames(pcap, [synCopy, r.responses[0], winner, ...resets].map(ethernetIp6));
  });

  it("sees the SYN's trace, two Pad1, E2E-cache (31) and E2E-ID (30) as hop-by-hop options, then the SRH", () => {
    const [row] = fields(
      ["ipv6.hopopts.nxt", "ipv6.hopopts.len", "ipv6.opt.type", "ipv6.routing.segleft", "ipv6.routing.srh.addr", "ipv6.dst"],
      ["-Y", "frame.number == 1"],
    );
    expect(row).toEqual(["43", "12", "0x3b,0x00,0x00,0x1f,0x1e", "1", `${ANYCAST},${EDGE_SIDS[0]}`, EDGE_SIDS[0]]);
  });

  it("sees the edge's SYN-ACK: hop-by-hop, SRH [client, edge SID] with Segments Left 1, to M's SID", () => {
    const [row] = fields(
      [
        "ipv6.nxt",
        "ipv6.hopopts.nxt",
        "ipv6.opt.type",
        "ipv6.routing.nxt",
        "ipv6.routing.segleft",
        "ipv6.routing.srh.last_entry",
        "ipv6.routing.srh.addr",
        "ipv6.dst",
        "tcp.flags",
      ],
      ["-Y", "frame.number == 2"],
    );
    expect(row).toEqual(["0", "43", "0x3b,0x00,0x00,0x1f,0x1e", "6", "1", "1", `${CLIENT},${EDGE_SIDS[0]}`, M_LOCALSID, "0x0012"]);
  });

  it("checks the TCP checksum of the winner and of both RSTs as Good", () => {
    const rows = fields(["tcp.checksum.status", "tcp.flags", "ipv6.dst", "ipv6.routing.segleft"], ["-o", "tcp.check_checksum:TRUE", "-Y", "frame.number >= 3"]);
    expect(rows).toEqual([
      ["1", "0x0012", CLIENT, "0"],
      ["1", "0x0004", EDGE_SIDS[0], "1"],
      ["1", "0x0004", EDGE_SIDS[2], "1"],
    ]);
  });

  it("agrees with our decoder on every field both define", () => {
    const mismatches = compareWithTshark(pcap, ["syn", "syn-ack", "winner", "rst e1", "rst e3"]);
    expect(mismatches, report(mismatches, "manycast-round")).toEqual([]);
  });
});
