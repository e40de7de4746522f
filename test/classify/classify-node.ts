// A bounds-checked engine with its data plane and the full CLI, for classifier tests: frames go in
// on any interface, and each received packet's path (from the packet trace) and descriptor opaque
// come back.
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import { classifierOf, type Classifier } from "../../src/host/classify/classifier.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { DESC_L3, DESC_OPAQUE_CLASSIFIER } from "../../assembly/engine/descriptor.layout.js";
import { NODE_ERROR_DROP, NODE_IP6_INACL } from "../../assembly/graph/graph.layout.js";
import { parseIp6 } from "../../src/host/format/ip6-address.js";
import { ethernetIp6, hex } from "../support/hex.js";
import { cliRunner, type CliRunner } from "../support/engine.js";

export interface PacketOutcome {
  path: number[]; // node ids the packet passed, in order
  inaclNext: number | undefined; // where ip6-inacl sent it
  opaque: number; // the classifier opaque word of its descriptor
  l3: number; // its descriptor's IPv6 header offset after the graph
  dropped: boolean; // reached error-drop
}

export interface ClassifyNode extends CliRunner {
  engine: WasmEngine;
  dataplane: Dataplane;
  classifier: Classifier;
  /** Sends frames (Ethernet) in one vector on `interfaceName`; returns each packet's outcome. */
  send(interfaceName: string, frames: Uint8Array[], linkType?: number): PacketOutcome[];
}

let compiled: WebAssembly.Module | undefined;

export async function classifyNode(): Promise<ClassifyNode> {
  compiled ??= new WebAssembly.Module(readFileSync(engineWasmPath("debug")));
  const engine = await WasmEngine.load(compiled);
  const dataplane = new Dataplane(engine, () => undefined);
  dataplane.interfaces.add("pcap0");
  return {
    engine,
    dataplane,
    classifier: classifierOf(engine),
    ...cliRunner({ dataplane }),
    send(interfaceName, frames, linkType = LINKTYPE_ETHERNET) {
      dataplane.trace.clear();
      dataplane.trace.add(interfaceName, frames.length);
      for (const data of frames) dataplane.receive(interfaceName, { linkType, tsSec: 1_700_000_000, tsNsec: 250_000_000, data });
      dataplane.flush();
      const traced = dataplane.trace.tracedPackets();
      return frames.map((_, slot) => {
        const steps = traced[slot].steps;
        return {
          path: steps.map((s) => s.node),
          inaclNext: steps.find((s) => s.node === NODE_IP6_INACL)?.next,
          opaque: engine.descriptorField32(slot, DESC_OPAQUE_CLASSIFIER),
          l3: engine.descriptorField16(slot, DESC_L3),
          dropped: steps.some((s) => s.node === NODE_ERROR_DROP),
        };
      });
    },
  };
}

export interface Ip6Fields {
  src?: string;
  dst?: string;
  proto?: number;
  payload?: Uint8Array;
  hopLimit?: number;
}

/** An Ethernet frame carrying an IPv6 packet with the given fields (defaults: 2001:db8::1 -> 2001:db8::2, no next header). */
export function ip6Frame(fields: Ip6Fields = {}): Uint8Array {
  return ethernetIp6(ip6Packet(fields));
}

export function ip6Packet(fields: Ip6Fields = {}): Uint8Array {
  const payload = fields.payload ?? new Uint8Array(0);
  const packet = new Uint8Array(40 + payload.length);
  packet.set(hex("60000000"));
  packet[4] = payload.length >> 8;
  packet[5] = payload.length & 0xff;
  packet[6] = fields.proto ?? 59;
  packet[7] = fields.hopLimit ?? 64;
  packet.set(parseIp6(fields.src ?? "2001:db8::1")!, 8);
  packet.set(parseIp6(fields.dst ?? "2001:db8::2")!, 24);
  packet.set(payload, 40);
  return packet;
}
