// tcp-affinity-client-edge on byte vectors: it learns the server an option names (per client
// prefix, anycast address and service port), steers the client's next SYN and that connection's
// later segments with an inserted SRH [anycast, server] (octet for octet, TCP checksum still right
// for the final destination), keeps its tables bounded (expiry and eviction counted), and passes
// everything it cannot use unchanged with its reason, next to packets it changes.
import { describe, expect, it } from "vitest";
import { toHex } from "../support/hex.js";
import type { TestNode } from "../support/engine.js";
import {
  ACK,
  ANYCAST,
  CLIENT,
  CLIENT_PORT,
  FIN,
  OPTION_DB07_8080,
  SERVICE_PORT,
  SYN,
  address,
  clientEdge,
  clientSegment,
  counter,
  forwarded,
  segment,
  sendIp6,
  serverFin,
  tcpChecksumOf,
} from "./edges.js";

const NODE = "tcp-affinity-client-edge";
const T0 = 1_700_000_000;

/** `packet` after H.Insert of SRH [its destination, server] (SL 1) and ip6-rewrite. */
function steered(packet: Uint8Array, server: string): Uint8Array {
  const out = new Uint8Array(packet.length + 40);
  out.set(packet.subarray(0, 40));
  const v = new DataView(out.buffer);
  v.setUint16(4, packet.length - 40 + 40);
  out[6] = 43;
  out[7] = packet[7]! - 1;
  out.set(address(server), 24);
  out.set([6, 4, 4, 1, 1, 0, 0, 0], 40);
  out.set(packet.subarray(24, 40), 48);
  out.set(address(server), 64);
  out.set(packet.subarray(40), 80);
  return out;
}

async function learned(options = ""): Promise<TestNode> {
  const node = await clientEdge(options);
  sendIp6(node, [serverFin(OPTION_DB07_8080)], T0);
  return node;
}

describe("tcp-affinity-client-edge learning", () => {
  it("learns the server from the option and leaves the segment as it was", async () => {
    const node = await clientEdge();
    const fin = serverFin(OPTION_DB07_8080);
    const [out] = sendIp6(node, [fin], T0);
    expect(toHex(out)).toBe(toHex(forwarded(fin)));
    expect(counter(node, NODE, "server learned from the option")).toBe(1n);
    const show = node.cli("show tcp service-affinity");
    expect(show).toContain("[0] db07::1 port 8080");
    expect(show).toContain(`    ${CLIENT}/128 -> [${ANYCAST}]:${SERVICE_PORT} via db07::1 port 8080, 600s left`);
  });

  it("does not learn an IPv4 server, an anycast server, or past a full directory", async () => {
    const node = await clientEdge("servers 1");
    const vector = [
      serverFin("fd0b534104 c000024d 01bb 00"), // IPv4 form
      serverFin("fd17534106 db060000000000000000000000000009 1f90 00"), // an anycast address
      serverFin(OPTION_DB07_8080),
      serverFin("fd17534106 db080000000000000000000000000001 1f90 00"), // a second server: directory full
      serverFin(), // no option
    ];
    const out = sendIp6(node, vector, T0);
    expect(out.map(toHex)).toEqual(vector.map(forwarded).map(toHex));
    expect(counter(node, NODE, "option names an IPv4 server")).toBe(1n);
    expect(counter(node, NODE, "option names an address in the anycast prefix")).toBe(1n);
    expect(counter(node, NODE, "server directory full")).toBe(1n);
    expect(counter(node, NODE, "segment from the anycast prefix without the option")).toBe(1n);
    expect(counter(node, NODE, "server learned from the option")).toBe(1n);
    expect(node.engine.boundsViolations()).toBe(0);
  });
});

describe("tcp-affinity-client-edge steering", () => {
  it("steers a learned client's SYN and its connection's later segments; checksum right for the final destination", async () => {
    const node = await learned();
    const syn = clientSegment(SYN);
    const ack = clientSegment(ACK);
    const [outSyn, outAck] = sendIp6(node, [syn, ack], T0 + 1);
    expect(toHex(outSyn)).toBe(toHex(steered(syn, "db07::1")));
    expect(toHex(outAck)).toBe(toHex(steered(ack, "db07::1")));
    expect(tcpChecksumOf(outSyn, 80, address(ANYCAST))).toBe(new DataView(outSyn.buffer).getUint16(80 + 16));
    expect(counter(node, NODE, "SYN steered")).toBe(1n);
    expect(counter(node, NODE, "segment of a steered connection steered")).toBe(1n);
    expect(node.cli("show tcp service-affinity")).toContain(`[${CLIENT}]:${CLIENT_PORT} -> [${ANYCAST}]:${SERVICE_PORT} via db07::1 port 8080, 600s left`);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("passes, unchanged and counted, other clients, other ports, unsteered connections and routed packets", async () => {
    const node = await learned();
    const withSrh = steered(clientSegment(SYN), "db07::1");
    withSrh[7] = 64;
    withSrh.set(address(ANYCAST), 24); // to the anycast address, with an SRH already
    const vector = [
      clientSegment(SYN, CLIENT_PORT, "2001:db8:5::3"), // another client
      segment({ src: CLIENT, dst: ANYCAST, srcPort: CLIENT_PORT, dstPort: 443, flags: SYN }), // another service port
      clientSegment(ACK, 40999), // a connection that did not start here
      clientSegment(SYN | ACK), // not a SYN without ACK
      withSrh,
      clientSegment(SYN), // steered, between them
    ];
    const out = sendIp6(node, vector, T0 + 1);
    expect(out.map(toHex)).toEqual([...vector.slice(0, 5).map(forwarded), steered(clientSegment(SYN), "db07::1")].map(toHex));
    expect(counter(node, NODE, "SYN of a client without a learned server")).toBe(2n);
    expect(counter(node, NODE, "segment of a connection not steered here")).toBe(2n);
    expect(counter(node, NODE, "packet already has a routing header")).toBe(1n);
    expect(node.engine.boundsViolations()).toBe(0);
  });

  it("learns per client prefix when told to", async () => {
    const node = await learned("client-prefix-length 64");
    const other = clientSegment(SYN, CLIENT_PORT, "2001:db8:5::77");
    const [out] = sendIp6(node, [other], T0 + 1);
    expect(toHex(out)).toBe(toHex(steered(other, "db07::1")));
    expect(node.cli("show tcp service-affinity")).toContain("2001:db8:5::/64 -> [db06::6]:8080");
  });

  it("never crashes on truncated or odd segments; neighbours are untouched", async () => {
    const node = await learned();
    const truncatedOption = serverFin("fd175341 06db0700"); // claims 23 octets, has 8: ip6-input drops it
    const wrongExid = serverFin("fd17534206 db070000000000000000000000000001 1f90 00");
    const wrongLength = serverFin("fd16534106 db070000000000000000000000000001 1f 0000"); // 22 octets for the IPv6 form
    const v4LengthV6Family = serverFin("fd0b534106 c000024d 01bb 00");
    const syn = clientSegment(SYN);
    const fragment = new Uint8Array(syn.length + 8); // the SYN as a first fragment: no ports to trust
    fragment.set(syn.subarray(0, 40));
    fragment[6] = 44;
    new DataView(fragment.buffer).setUint16(4, syn.length - 40 + 8);
    fragment.set([6, 0, 0, 1, 0, 0, 0, 1], 40);
    fragment.set(syn.subarray(40), 48);
    const shortSegment = syn.slice(0, 50); // 10 octets of TCP: ip6-input drops it
    new DataView(shortSegment.buffer).setUint16(4, 10);
    const passed = [wrongExid, wrongLength, v4LengthV6Family, fragment];
    const out = sendIp6(node, [truncatedOption, ...passed, shortSegment, syn], T0 + 1);
    expect(node.engine.boundsViolations()).toBe(0);
    expect(out.map(toHex)).toEqual([...passed.map(forwarded), steered(syn, "db07::1")].map(toHex));
    expect(counter(node, NODE, "segment from the anycast prefix without the option")).toBe(3n);
    expect(counter(node, NODE, "not an unfragmented IPv6 TCP segment")).toBe(1n);
    expect(counter(node, NODE, "server learned from the option")).toBe(1n); // only the FIN learned() sent
  });
});

describe("tcp-affinity-client-edge tables", () => {
  it("forgets a client after its lifetime without traffic, and counts it", async () => {
    const node = await learned("lifetime 10");
    const syn = clientSegment(SYN);
    expect(toHex(sendIp6(node, [syn], T0 + 10)[0])).toBe(toHex(steered(syn, "db07::1"))); // renews the client
    expect(node.cli("show tcp service-affinity")).toContain("via db07::1 port 8080, 10s left");
    expect(toHex(sendIp6(node, [clientSegment(SYN, 40001)], T0 + 21)[0])).toBe(toHex(forwarded(clientSegment(SYN, 40001))));
    expect(counter(node, NODE, "learned clients expired")).toBe(1n);
    expect(node.cli("show tcp service-affinity")).toContain("Learned clients: 0");
  });

  it("holds at most table-size clients, evicting the oldest, and counts each eviction", async () => {
    const node = await clientEdge("table-size 16");
    const fins = Array.from({ length: 40 }, (_, k) =>
      segment({
        src: ANYCAST,
        dst: `2001:db8:6::${(k + 1).toString(16)}`,
        srcPort: SERVICE_PORT,
        dstPort: CLIENT_PORT,
        flags: FIN | ACK,
        options: OPTION_DB07_8080,
      }),
    );
    fins.forEach((fin, k) => sendIp6(node, [fin], T0 + k));
    expect(counter(node, NODE, "server learned from the option")).toBe(40n);
    const show = node.cli("show tcp service-affinity");
    expect(show).toContain("Learned clients: 16");
    expect(counter(node, NODE, "learned clients evicted")).toBe(24n);
    expect(show).toContain("2001:db8:6::28/128"); // the newest stays
    expect(show).not.toContain("2001:db8:6::1/128 "); // the oldest went
  });
});
