// A TCP client and server talking through one real engine configured as an IPv6 router.
import { describe, expect, it } from "vitest";
import { connectionKey, NS_PER_MILLISECOND, NS_PER_SECOND, parseSegment } from "../../src/host/simulator/index.js";
import { Decoder, LINKTYPE_RAW, renderFieldsLine } from "../../src/host/decode/index.js";
import { ANYCAST, CLIENT, routerTopology, tcpChecksumHolds } from "./router-topology.js";

const MS = NS_PER_MILLISECOND;

describe("TCP through a simulated IPv6 router", () => {
  it("connects to the anycast address, exchanges a request and a response, and closes with FINs", async () => {
    const { net, router, client, server } = await routerTopology({ clientDelayNs: 1n * MS, serverDelayNs: 1n * MS });
    server.listen(undefined, 80, { responseBytes: 3000 });
    const start = net.clock.nowNs;
    const c = client.connect(CLIENT, ANYCAST, 80, { requestBytes: 300, responseBytes: 3000 });
    expect(net.runUntilIdle(start + 10n * NS_PER_SECOND)).toBe(true);

    expect(c).toMatchObject({
      state: "TIME-WAIT",
      closeReason: "fin",
      answeredBy: ANYCAST,
      bytesSent: 300,
      bytesReceived: 3000,
      retransmissions: 0,
      resetsReceived: 0,
    });
    expect(c.establishedNs).toBe(start + 4n * MS); // SYN and SYN-ACK each cross two 1 ms links
    expect(server.connections).toHaveLength(1);
    const s = server.connections[0];
    expect(s).toMatchObject({
      key: c.key,
      state: "CLOSED",
      closeReason: "fin",
      answeredBy: ANYCAST,
      bytesSent: 3000,
      bytesReceived: 300,
      clientAddr: CLIENT,
      serverAddr: ANYCAST,
    });
    expect(s.establishedNs).toBe(start + 6n * MS);
    expect(s.closedNs! > c.closedNs!).toBe(true); // the client's last ACK reaches the server later
    expect(server.liveConnections).toEqual([]);

    const frames = net.log!.frames;
    const toServer = frames.filter((f) => f.link === "r1-server" && f.to === "server");
    expect(server.packetsReceived(connectionKey(CLIENT, c.clientPort, ANYCAST, 80))).toBe(toServer.length);
    expect(s.packetsReceived).toBe(toServer.length);
    expect(toServer).toHaveLength(7); // SYN, ACK, request, 3 ACKs (the last one on the FIN), ACK of the server's FIN
    expect(frames.every((f) => tcpChecksumHolds(f.data))).toBe(true);
    expect(toServer.every((f) => f.data[7] === 63)).toBe(true); // forwarded: hop limit decremented once

    // Every frame checked by the decoder too, in order, tshark's relative sequence numbers included.
    const decoder = new Decoder();
    const onClientLink = frames.filter((f) => f.link === "client-r1");
    const lines = onClientLink.map((f) =>
      renderFieldsLine(decoder.decode(f.data, LINKTYPE_RAW), ["ipv6.src", "tcp.flags.str", "tcp.len"]).replace(/·/g, "").replace(/\t/g, " "),
    );
    const C = CLIENT;
    const A = ANYCAST;
    expect(lines).toEqual([
      `${C} S 0`,
      `${A} AS 0`,
      `${C} A 0`,
      `${C} AP 300`,
      `${A} A 1220`,
      `${A} A 1220`,
      `${A} AP 560`,
      `${C} A 0`,
      `${C} A 0`,
      `${C} AF 0`,
      `${A} AF 0`,
      `${C} A 0`,
    ]);
    expect(onClientLink.map((f) => parseSegment(f.data)!.checksumValid)).not.toContain(false);
    expect(router.unlinkedDrops.size).toBe(0);
    expect(router.dataplane.engine.boundsViolations()).toBe(0);
  });

  it("retransmits an unanswered SYN after 1, 2 and 4 seconds, then gives up", async () => {
    const { net, client } = await routerTopology();
    const start = net.clock.nowNs;
    const c = client.connect(CLIENT, "2001:db8:99::1", 80, { requestBytes: 10, responseBytes: 10 }); // r1 has no route
    net.runUntilIdle(start + 60n * NS_PER_SECOND);
    const syns = net.log!.frames.filter((f) => f.from === "client").map((f) => (f.timeNs - start) / NS_PER_SECOND);
    expect(syns).toEqual([0n, 1n, 3n, 7n]);
    expect(c).toMatchObject({ state: "CLOSED", closeReason: "timeout", retransmissions: 3 });
    expect(c.closedNs).toBe(start + 15n * NS_PER_SECOND);
  });

  it("gets an RST for a SYN to a port nobody listens on", async () => {
    const { net, client, server } = await routerTopology();
    const c = client.connect(CLIENT, ANYCAST, 81, { requestBytes: 10, responseBytes: 10 });
    net.runUntilIdle(net.clock.nowNs + NS_PER_SECOND);
    expect(c).toMatchObject({ state: "CLOSED", closeReason: "reset", resetsReceived: 1 });
    expect(server.counters.resetsSent).toBe(1);
    expect(server.connections).toEqual([]);
  });

  it("delays packets with the engine's nsim and delivers them when the engine's wakeup poll runs", async () => {
    const { net, router, client, server } = await routerTopology({ extraConfig: "set nsim delay 5 ms interface if1\n" });
    server.listen(ANYCAST, 80, { responseBytes: 100 });
    const start = net.clock.nowNs;
    const c = client.connect(CLIENT, ANYCAST, 80, { requestBytes: 100, responseBytes: 100 });
    expect(net.runUntilIdle(start + 10n * NS_PER_SECOND)).toBe(true);
    expect(c.state).toBe("TIME-WAIT");
    const firstAtServer = net.log!.frames.find((f) => f.to === "server")!;
    expect(firstAtServer.timeNs - start).toBe(5n * MS);
    expect(server.connections[0].establishedNs! - start).toBe(10n * MS); // the ACK waits 5 ms in r1 too
    expect(router.polls).toBeGreaterThan(0);
  });
});
