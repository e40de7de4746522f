// An RST to a half-open server connection: the anycast case where the SYN-ACK reaches a client
// that no longer has the connection (here: it abandoned it while the SYN-ACK was on its way).
import { describe, expect, it } from "vitest";
import { NS_PER_MILLISECOND, NS_PER_SECOND } from "../../src/host/simulator/index.js";
import { ANYCAST, CLIENT, routerTopology } from "./router-topology.js";

const MS = NS_PER_MILLISECOND;

describe("RST to a half-open server connection", () => {
  it("drops the SYN-RECEIVED connection and counts the reset", async () => {
    const { net, client, server } = await routerTopology({ clientDelayNs: 10n * MS });
    server.listen(undefined, 80, { responseBytes: 100 });
    const start = net.clock.nowNs;
    const c = client.connect(CLIENT, ANYCAST, 80, { requestBytes: 100, responseBytes: 100 });
    net.run(start + 15n * MS); // the SYN has reached the server (10 ms); its SYN-ACK is half-way back
    expect(server.liveConnections.map((r) => r.state)).toEqual(["SYN-RECEIVED"]);
    client.abort(c); // SYN-SENT: nothing is sent
    expect(net.runUntilIdle(start + 10n * NS_PER_SECOND)).toBe(true);

    // The SYN-ACK (20 ms) meets no connection: the client's stack answers it with an RST (30 ms at the server).
    expect(c).toMatchObject({ state: "CLOSED", closeReason: "aborted" });
    expect(client.counters.resetsSent).toBe(1);
    const [s] = server.connections;
    expect(s).toMatchObject({ key: c.key, state: "CLOSED", closeReason: "reset", resetsReceived: 1, packetsReceived: 2 });
    expect(s.closedNs).toBe(start + 30n * MS);
    expect(s.establishedNs).toBeUndefined();
    expect(server.counters.resetsReceived).toBe(1);
    expect(server.liveConnections).toEqual([]);
    expect(server.packetsReceived(c.key)).toBe(2); // SYN and RST
    const rst = net.log!.frames.filter((f) => f.from === "client").at(-1)!;
    expect(rst.data[40 + 13]).toBe(0x04); // RST alone: it answers an ACK, so it carries none (RFC 9293 §3.10.7.1)
  });

  it("drops an ESTABLISHED connection on the client's abortive close", async () => {
    const { net, client, server } = await routerTopology({ clientDelayNs: 10n * MS });
    server.listen(undefined, 80, { responseBytes: 100 });
    const start = net.clock.nowNs;
    const c = client.connect(CLIENT, ANYCAST, 80, { requestBytes: 100, responseBytes: 100 });
    net.run(start + 25n * MS); // client established at 20 ms; its ACK and request reach the server at 30 ms
    expect(c.state).toBe("ESTABLISHED");
    client.abort(c); // RST+ACK at the client's next sequence number, in the server's window once the request is in
    expect(net.runUntilIdle(start + 10n * NS_PER_SECOND)).toBe(true);

    const [s] = server.connections;
    expect(s).toMatchObject({ state: "CLOSED", closeReason: "reset", resetsReceived: 1, bytesReceived: 100, bytesSent: 100 });
    expect(s.establishedNs).toBe(start + 30n * MS);
    expect(s.closedNs).toBe(start + 35n * MS);
    // The response (40 ms) reaches a client without the connection: it answers with an RST, which the server, without it too, ignores.
    expect(client.counters.resetsSent).toBe(2);
    expect(server.counters.resetsSent).toBe(0);
    expect(server.packetsReceived(c.key)).toBe(5); // SYN, ACK, request, RST+ACK, RST
    expect(server.counters.resetsReceived).toBe(1);
  });
});
