// Two runs of one scenario give the same frames at the same virtual times, byte for byte; the
// log becomes a pcapng that reads back; frames due at one instant share one engine vector.
import { describe, expect, it } from "vitest";
import { NS_PER_MILLISECOND, NS_PER_SECOND, SimConfigError, SimNetwork } from "../../src/host/simulator/index.js";
import { createCaptureWriter } from "../../src/host/capture/capture-writer.js";
import { readCaptureFromBytes } from "../../src/host/capture/capture-reader.js";
import { LINKTYPE_RAW } from "../../src/host/capture/link-types.js";
import { toHex } from "../support/hex.js";
import { ANYCAST, CLIENT, engine, routerTopology } from "./router-topology.js";

const MS = NS_PER_MILLISECOND;

async function scenario(seed: number): Promise<string[]> {
  const { net, client, server } = await routerTopology({ seed, clientDelayNs: 3n * MS, serverDelayNs: 1n * MS });
  server.listen(undefined, 80, { responseBytes: 5000 });
  const start = net.clock.nowNs;
  for (let k = 0; k < 4; k++) {
    net.clock.schedule(start + BigInt(k) * 2n * MS, () => client.connect(CLIENT, ANYCAST, 80, { requestBytes: 200 + k, responseBytes: 5000 }));
  }
  net.runUntilIdle(start + 30n * NS_PER_SECOND);
  expect(client.connections.map((c) => c.state)).toEqual(["TIME-WAIT", "TIME-WAIT", "TIME-WAIT", "TIME-WAIT"]);
  return net.log!.frames.map((f) => `${f.timeNs - start} ${f.link} ${f.from}>${f.to} ${toHex(f.data)}`);
}

describe("simulation runs", () => {
  it("are deterministic: the same seed gives identical frame logs", async () => {
    const first = await scenario(7);
    const second = await scenario(7);
    expect(first.length).toBeGreaterThan(40);
    expect(second).toEqual(first);
    expect(await scenario(8)).not.toEqual(first); // the seed reaches the wire (initial sequence numbers)
  });

  it("writes its frame log as a pcapng with one interface per link direction", async () => {
    const { net, client, server } = await routerTopology();
    server.listen(undefined, 80, { responseBytes: 10 });
    client.connect(CLIENT, ANYCAST, 80, { requestBytes: 10, responseBytes: 10 });
    net.runUntilIdle(net.clock.nowNs + NS_PER_SECOND);
    const chunks: Uint8Array[] = [];
    const writer = createCaptureWriter((c) => chunks.push(c.slice()), { format: "pcapng", linkType: LINKTYPE_RAW });
    const records = net.log!.captureRecords();
    for (const r of records) writer.write(r);
    writer.flush();
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
    const back = [...readCaptureFromBytes(bytes)];
    expect(back.map((r) => toHex(r.data))).toEqual(records.map((r) => toHex(r.data)));
    expect(new Set(records.map((r) => r.interfaceName))).toEqual(
      new Set(["client-r1:client>r1/if0", "client-r1:r1/if0>client", "r1-server:r1/if1>server", "r1-server:server>r1/if1"]),
    );
  });

  it("puts frames arriving at one engine at the same virtual time into one vector", async () => {
    const { net, router, client, server } = await routerTopology({ clientDelayNs: 1n * MS, serverDelayNs: 1n * MS });
    const start = net.clock.nowNs;
    client.connect(CLIENT, ANYCAST, 80, { requestBytes: 1, responseBytes: 1 });
    server.connect(ANYCAST, CLIENT, 443, { requestBytes: 1, responseBytes: 1 });
    net.run(start + 1n * MS);
    expect(router.dataplane.vectors).toBe(1);
    expect(router.cli("show errors")).toMatch(/\s2\s+device-input\s+packets received/);
  });

  it("names the node, line and problem of a bad config line", async () => {
    const net = new SimNetwork();
    let error: unknown;
    try {
      net.addEngine("r7", await engine(), "set int ip address if0 2001:db8::1/64\nip route add 2001:db8:5::/64 via nowhere extra\n");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimConfigError);
    expect((error as SimConfigError).problems).toMatchObject([{ node: "r7", line: 2 }]);
    expect((error as Error).message).toMatch(/^r7: line 2, column \d+: /);
  });
});
