// The flow table on parsed packets (flowLookupVector): 5-tuples read from packet memory in the
// bounds-checked build, FIN/RST removal, idle expiry, and the incremental sweep.
import { describe, expect, it } from "vitest";
import { debugTable, keyNumber, packetOf, parsedVector } from "./flow-fixtures.js";
import { TCP_FLAG_ACK, TCP_FLAG_FIN, TCP_FLAG_RST, TCP_FLAG_SYN } from "../../assembly/wire/tcp.layout.js";
import { PROTO_UDP } from "../../assembly/wire/ipv6.layout.js";
import { benchKernels } from "../../src/host/engine/bench-kernels.js";

describe("flow table on packets", () => {
  it("finds each packet's flow by its 5-tuple: ports and protocol are part of the key", async () => {
    const { engine, table } = await debugTable(1024, 30);
    table.setTime(100);
    const tcp = keyNumber(1);
    const udp = keyNumber(2, PROTO_UDP);
    table.insert(tcp, 7);
    table.insert(udp, 8);
    const otherPort = { ...tcp, dstPort: tcp.dstPort + 1 };
    const otherProtocol = { ...udp, protocol: 6 };
    const swapped = { ...tcp, src: tcp.dst, dst: tcp.src };
    parsedVector(engine, [packetOf(tcp), packetOf(udp), packetOf(otherPort), packetOf(otherProtocol), packetOf(swapped), packetOf(tcp, TCP_FLAG_SYN, 0)]);
    expect(table.lookupPackets(6)).toEqual([7, 8, undefined, undefined, undefined, 7]);
    expect(engine.boundsViolations()).toBe(0);
  });

  it("removes a TCP flow on FIN or RST, after answering that packet", async () => {
    const { engine, table } = await debugTable(1024, 30);
    table.setTime(100);
    const [finFlow, rstFlow, udpFlow] = [keyNumber(10), keyNumber(11), keyNumber(12, PROTO_UDP)];
    table.insert(finFlow, 1);
    table.insert(rstFlow, 2);
    table.insert(udpFlow, 3);
    parsedVector(engine, [packetOf(finFlow, TCP_FLAG_FIN | TCP_FLAG_ACK), packetOf(rstFlow, TCP_FLAG_RST), packetOf(udpFlow), packetOf(finFlow, TCP_FLAG_ACK)]);
    // the FIN itself still goes to its server; the ACK after it finds no flow
    expect(table.lookupPackets(4)).toEqual([1, 2, 3, undefined]);
    expect(table.size).toBe(1);
    expect(table.stats().removals).toBe(2n);
    expect(engine.boundsViolations()).toBe(0);
  });

  it("expires a flow idle for longer than the timeout when a packet meets it; traffic keeps it alive", async () => {
    const { engine, table } = await debugTable(1024, 30);
    const [busy, quiet] = [keyNumber(20), keyNumber(21)];
    table.setTime(1000);
    table.insert(busy, 1);
    table.insert(quiet, 2);
    parsedVector(engine, [packetOf(busy)]);
    for (const t of [1020, 1040, 1060]) {
      table.setTime(t);
      expect(table.lookupPackets(1)).toEqual([1]);
    }
    table.setTime(1030);
    parsedVector(engine, [packetOf(quiet)]);
    expect(table.lookupPackets(1)).toEqual([2]); // 30 s idle: not more than the timeout
    table.setTime(1061);
    expect(table.lookupPackets(1)).toEqual([undefined]); // 31 s idle
    expect(table.stats().expirations).toBe(1n);
    expect(table.size).toBe(1);
    expect(engine.boundsViolations()).toBe(0);
  });

  it("the incremental sweep visits K slots per call and expires every idle flow within one pass", async () => {
    const capacity = 256;
    const { table } = await debugTable(capacity, 10);
    table.setTime(0);
    for (let n = 0; n < 100; n++) table.insert(keyNumber(n), n);
    table.setTime(5);
    for (let n = 0; n < 100; n += 2) table.lookup(keyNumber(n)); // refresh the even flows
    table.setTime(12);
    const perCall: number[] = [];
    for (let call = 0; call < capacity / 32; call++) perCall.push(table.sweep(32));
    expect(perCall.reduce((a, b) => a + b, 0)).toBe(50);
    expect(perCall.filter((n) => n > 0).length).toBeGreaterThan(1); // spread over the calls
    expect(table.size).toBe(50);
    expect(table.sweep(capacity)).toBe(0);
    for (let n = 0; n < 100; n++) expect(table.lookup(keyNumber(n))).toBe(n % 2 ? undefined : n);
    expect(table.stats().expirations).toBe(50n);
  });

  it("answers packets that are not clean IPv6 with no flow", async () => {
    const { engine, table } = await debugTable(1024, 30);
    const key = keyNumber(30);
    table.insert(key, 5);
    parsedVector(engine, [packetOf(key)]);
    engine.putPacket(1, { data: Uint8Array.of(1, 2, 3), rxInterface: 1, tsSec: 0, tsNsec: 0, entryNode: 1, l3Offset: 0, traceSlot: 0 });
    benchKernels(engine).parseVector(2);
    expect(table.lookupPackets(2)).toEqual([5, undefined]);
    expect(engine.boundsViolations()).toBe(0);
  });
});
