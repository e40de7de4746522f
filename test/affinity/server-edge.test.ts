// tcp-affinity-server-edge on byte vectors: a FIN from the anycast prefix gets the option naming the
// server (octet for octet, checksum recomputed from scratch); everything else, and a FIN with no
// room for it, passes unchanged with its counted reason, never dropped, next to packets that change.
import { describe, expect, it } from "vitest";
import { toHex } from "../support/hex.js";
import {
  ACK,
  ANYCAST,
  CLIENT,
  CLIENT_PORT,
  FIN,
  OPTION_DB07_8080,
  SERVER_SID,
  SERVICE_PORT,
  counter,
  forwarded,
  segment,
  sendIp6,
  serverEdge,
  serverFin,
  tcpChecksumOf,
  address,
  SERVER_EDGE_CONFIG,
} from "./edges.js";

const NODE = "tcp-affinity-server-edge";
const LINUX_OPTIONS = "0101080a 01020304 05060708"; // NOP NOP timestamps: 12 octets, room for 24 more
const FULL_OPTIONS = "020405b4 0402080a 0000abcd 00000000 01030307"; // 20 octets: the option would need 44

describe("tcp-affinity-server-edge", () => {
  it("adds the option naming the server SID and the FIN's source port, checksum right", async () => {
    const node = await serverEdge();
    const [out] = sendIp6(node, [serverFin()]);
    expect(toHex(out)).toBe(toHex(forwarded(serverFin(OPTION_DB07_8080))));
    expect(tcpChecksumOf(out, 40, address(CLIENT))).toBe(new DataView(out.buffer).getUint16(40 + 16));
    expect(counter(node, NODE, "service-affinity option added")).toBe(1n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("keeps the FIN's own options and names a configured port or an IPv4 server", async () => {
    const node = await serverEdge(SERVER_EDGE_CONFIG.replace(`server ${SERVER_SID}`, "server 192.0.2.77 port 443"));
    const [out] = sendIp6(node, [serverFin(LINUX_OPTIONS)]);
    // IPv4 form: 11 octets, one EOL to 4n
    expect(toHex(out)).toBe(toHex(forwarded(serverFin(`${LINUX_OPTIONS} fd0b534104 c000024d 01bb 00`))));
  });

  it("passes, unchanged and counted, what is not a FIN from the anycast prefix, and a FIN without room", async () => {
    const node = await serverEdge();
    const vector = [
      serverFin("", ACK), // not a FIN
      segment({ src: CLIENT, dst: ANYCAST, srcPort: CLIENT_PORT, dstPort: SERVICE_PORT, flags: FIN | ACK }), // not from anycast (no classifier hit)
      serverFin(FULL_OPTIONS), // no option space
      serverFin(OPTION_DB07_8080), // already carries it
      serverFin(), // gets it
    ];
    const out = sendIp6(node, vector);
    expect(out.map(toHex)).toEqual([...vector.slice(0, 4).map(forwarded), forwarded(serverFin(OPTION_DB07_8080))].map(toHex));
    expect(counter(node, NODE, "not a FIN")).toBe(1n);
    expect(counter(node, NODE, "FIN whose options leave no room")).toBe(1n);
    expect(counter(node, NODE, "FIN already carries the option")).toBe(1n);
    expect(counter(node, NODE, "service-affinity option added")).toBe(1n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("passes everything when not configured", async () => {
    const node = await serverEdge(SERVER_EDGE_CONFIG.replace(/set tcp service-affinity.*\n/, ""));
    const [out] = sendIp6(node, [serverFin()]);
    expect(toHex(out)).toBe(toHex(forwarded(serverFin())));
    expect(counter(node, NODE, "no server-edge configuration")).toBe(1n);
  });
});
