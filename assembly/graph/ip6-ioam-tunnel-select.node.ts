import { NodeDeclaration, graphNode } from "./node-declaration.js";

export const NODES: NodeDeclaration[] = [
  graphNode("ip6-ioam-tunnel-select", "ip6IoamTunnelSelect")
    .next(["error-drop", "ip6-lookup", "ip6-pop-hop-by-hop"])
    .info("TS_HELD", "SYN-ACKs held for selection")
    .drop("TS_NO_ENTRY", "response without a live selection entry")
    .drop("TS_NO_CACHE_OPTION", "E2E-cache option missing or malformed")
    .drop("TS_NO_BUFFER", "cannot hold the SYN-ACK: park full or packet over 2048 octets")
    .drop("TS_TOO_MANY", "more responses than the entry can hold")
    .drop("TS_RST_RESPONSE", "RST from a candidate server: counted as its response")
    .info("TS_WINNER", "selected SYN-ACK forwarded to the client")
    .info("TS_LOSER_RESET", "losing SYN-ACK answered with an RST to its server")
    .info("TS_LATE_RESET", "SYN-ACK after the choice answered with an RST to its server")
    .pass("TS_PASSED", "not a SYN-ACK or RST: to ip6-pop-hop-by-hop")
    .info("TS_NO_SERVER_SLOT", "server table full: no flow affinity for this connection")
    .drop("TS_RESET_MALFORMED", "SYN-ACK to reset has no E2E-ID option naming its server: no RST sent"),
];
