// A bounds-checked engine with the FIB CLI, recording what it transmits and by which interface,
// and IPv6 packet builders for the routing tests.
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { errorIdOf } from "../../src/host/engine/graph-info.js";
import { parseIp6 } from "../../src/host/format/ip6-address.js";
import { ipv6UpperLayerChecksum } from "../../src/host/decode/checksum.js";
import { cliRunner, type CliRunner } from "../support/engine.js";

export interface Sent {
  iface: string;
  data: Uint8Array;
}

export interface FibNode extends CliRunner {
  engine: WasmEngine;
  dataplane: Dataplane;
  /** Sends frames in on `rx` (pcap0 by default) as one vector, at engine time tsSec/tsNsec; returns what left. */
  send(frames: Uint8Array[], opts?: { rx?: string; linkType?: number; tsSec?: number; tsNsec?: number }): Sent[];
  /** Runs a vector with no frames at engine time sec/nsec (held work due by then); returns what left. */
  poll(sec: number, nsec?: number): Sent[];
  /** The counter of a reason by its text, e.g. "hop limit exceeded". */
  count(reason: string, node?: string): bigint;
}

export function reasonId(reason: string, node?: string): number {
  return errorIdOf(reason, node);
}

export async function fibNode(build: "debug" | "release" = "debug"): Promise<FibNode> {
  const engine = await WasmEngine.load(readFileSync(engineWasmPath(build)));
  const sent: Sent[] = [];
  const dataplane = new Dataplane(engine, (f) => sent.push({ iface: f.interfaceName, data: f.data.slice() }));
  dataplane.interfaces.add("pcap0");
  return {
    engine,
    dataplane,
    ...cliRunner({ dataplane }),
    send(frames, opts = {}) {
      sent.length = 0;
      for (const data of frames) {
        dataplane.receive(opts.rx ?? "pcap0", {
          linkType: opts.linkType ?? LINKTYPE_ETHERNET,
          tsSec: opts.tsSec ?? 1_700_000_000,
          tsNsec: opts.tsNsec ?? 0,
          data,
        });
      }
      dataplane.flush();
      return sent.slice();
    },
    poll(sec, nsec = 0) {
      sent.length = 0;
      dataplane.poll(sec, nsec);
      return sent.slice();
    },
    count: (reason, node) => engine.errorCounts()[reasonId(reason, node)],
  };
}

export function ip6(text: string): Uint8Array {
  const address = parseIp6(text);
  if (!address) throw new Error(`bad address ${text}`);
  return address;
}

export const PROTO_HOP_BY_HOP = 0;
export const PROTO_UDP = 17;
export const PROTO_ICMPV6 = 58;

/** An IPv6 packet: the fixed header, then `payload` (extension headers and upper layer) as given. */
export function ip6Packet(o: { src: string; dst: string; hopLimit?: number; nextHeader: number; payload: Uint8Array }): Uint8Array {
  const p = new Uint8Array(40 + o.payload.length);
  p[0] = 0x60;
  p[4] = o.payload.length >> 8;
  p[5] = o.payload.length & 0xff;
  p[6] = o.nextHeader;
  p[7] = o.hopLimit ?? 64;
  p.set(ip6(o.src), 8);
  p.set(ip6(o.dst), 24);
  p.set(o.payload, 40);
  return p;
}

/** Fills in the checksum of the upper-layer message at `upper` (field at upper + `fieldAt`). */
export function withUpperChecksum(packet: Uint8Array, upper: number, protocol: number, fieldAt: number): Uint8Array {
  packet[upper + fieldAt] = 0;
  packet[upper + fieldAt + 1] = 0;
  const sum = ipv6UpperLayerChecksum(packet.subarray(8, 24), packet.subarray(24, 40), protocol, packet, upper, packet.length, fieldAt);
  packet[upper + fieldAt] = sum >> 8;
  packet[upper + fieldAt + 1] = sum & 0xff;
  return packet;
}

/** ICMPv6 Echo Request with id 0x1234, sequence 1 and 8 octets of data. */
export function echoRequest(src: string, dst: string, hopLimit = 64): Uint8Array {
  const icmp = Uint8Array.of(128, 0, 0, 0, 0x12, 0x34, 0x00, 0x01, 1, 2, 3, 4, 5, 6, 7, 8);
  return withUpperChecksum(ip6Packet({ src, dst, hopLimit, nextHeader: PROTO_ICMPV6, payload: icmp }), 40, PROTO_ICMPV6, 2);
}

/** UDP 4000 -> 5000 with `data` octets of payload. */
export function udp(src: string, dst: string, hopLimit = 64, data = 12): Uint8Array {
  const payload = new Uint8Array(8 + data);
  payload.set([0x0f, 0xa0, 0x13, 0x88, (8 + data) >> 8, (8 + data) & 0xff]);
  for (let i = 0; i < data; i++) payload[8 + i] = i;
  return withUpperChecksum(ip6Packet({ src, dst, hopLimit, nextHeader: PROTO_UDP, payload }), 40, PROTO_UDP, 6);
}

/** Whether the ICMPv6 or UDP checksum of an IPv6 packet (no extension headers) verifies. */
export function upperChecksumValid(packet: Uint8Array, checksumAt: number): boolean {
  const expected = ipv6UpperLayerChecksum(packet.subarray(8, 24), packet.subarray(24, 40), packet[6], packet, 40, packet.length, checksumAt);
  return ((packet[40 + checksumAt] << 8) | packet[41 + checksumAt]) === expected;
}

export function ethernet(dst: string, src: string, payload: Uint8Array, vlan?: number): Uint8Array {
  const tag = vlan === undefined ? [] : [0x81, 0x00, vlan >> 8, vlan & 0xff];
  const mac = (t: string) => t.split(":").map((b) => Number.parseInt(b, 16));
  return Uint8Array.from([...mac(dst), ...mac(src), ...tag, 0x86, 0xdd, ...payload]);
}
