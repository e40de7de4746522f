// Shared by the flow-table tests: a bounds-checked engine with a table, keys, and IPv6 packets
// carrying a key's 5-tuple, parsed into descriptors as ethernet-input and ip6-input would.
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { FlowTable, type FlowKey } from "../../src/host/flow/flow-table.js";
import { NODE_ETHERNET_INPUT } from "../../assembly/graph/graph.layout.js";
import { PROTO_TCP, PROTO_UDP } from "../../assembly/wire/ipv6.layout.js";
import { TCP_FLAG_ACK } from "../../assembly/wire/tcp.layout.js";
import { ethernetIp6 } from "../support/hex.js";
import { benchKernels } from "../../src/host/engine/bench-kernels.js";

export async function debugTable(capacity: number, idleTimeoutSeconds: number): Promise<{ engine: WasmEngine; table: FlowTable }> {
  const engine = await WasmEngine.load(readFileSync(engineWasmPath("debug")));
  return { engine, table: FlowTable.create(engine, capacity, idleTimeoutSeconds) };
}

/** A distinct key for every `n`: documentation-prefix addresses with `n` spread over both. */
export function keyNumber(n: number, protocol = PROTO_TCP): FlowKey {
  const src = Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  const dst = Uint8Array.of(0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, n % 7);
  return { src, dst, srcPort: 1024 + (n % 50000), dstPort: 443, protocol };
}

export const keyName = (k: FlowKey) => `${Buffer.from(k.src).toString("hex")}-${Buffer.from(k.dst).toString("hex")}-${k.srcPort}-${k.dstPort}-${k.protocol}`;

/** An IPv6 packet of `key` (TCP with `tcpFlags`, or UDP) with `payload` octets of data. */
export function packetOf(key: FlowKey, tcpFlags = TCP_FLAG_ACK, payload = 4): Uint8Array {
  const l4Length = key.protocol === PROTO_TCP ? 20 : 8;
  const p = new Uint8Array(40 + l4Length + payload);
  const view = new DataView(p.buffer);
  p[0] = 0x60;
  view.setUint16(4, l4Length + payload);
  p[6] = key.protocol;
  p[7] = 64;
  p.set(key.src, 8);
  p.set(key.dst, 24);
  view.setUint16(40, key.srcPort);
  view.setUint16(42, key.dstPort);
  if (key.protocol === PROTO_TCP) {
    p[52] = 5 << 4;
    p[53] = tcpFlags;
  } else if (key.protocol === PROTO_UDP) view.setUint16(44, 8 + payload);
  return p;
}

/** The Ethernet frame of key number `n`'s packet (TCP ACK, 4 octets of data). */
export const flowFrame = (n: number): Uint8Array => ethernetIp6(packetOf(keyNumber(n)));

/** Frames of key numbers 0 to count - 1. */
export const flowFrames = (count: number): Uint8Array[] => Array.from({ length: count }, (_, n) => flowFrame(n));

/** Puts `packets` (IPv6) in descriptors [0, n) in Ethernet frames and parses them. */
export function parsedVector(engine: WasmEngine, packets: Uint8Array[]): void {
  packets.forEach((packet, slot) =>
    engine.putPacket(slot, { data: ethernetIp6(packet), rxInterface: 1, tsSec: 0, tsNsec: 0, entryNode: NODE_ETHERNET_INPUT, l3Offset: 0, traceSlot: 0 }),
  );
  const clean = benchKernels(engine).parseVector(packets.length);
  if (clean !== packets.length) throw new Error(`only ${clean} of ${packets.length} test packets parsed`);
}
