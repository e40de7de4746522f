// IOAM encapsulate / transit / decapsulate through the real graph, in Wasm, against the tuned
// TypeScript baseline (bench/baselines/ts/ioam.ts) and the C one (bench/native/ioam.c), in three
// formats: VPP trace 0x3B (type 0x1f, 4 elements), VPP trace + POT 0x3C, and RFC 9197 (namespace
// 123, type 0xf00000, 4 elements). Each engine is configured with CLI text like an encapsulating
// node's config file: an input-ACL session sends the packets to ip6-add-hop-by-hop, `set ioam
// rewrite` builds the header. One vector first runs the whole graph from ethernet-input (checked:
// every packet encapsulated and transmitted); the timed runs then enter the graph at the IOAM node
// with rearmVector + processVector:
//   encap   = ip6-add-hop-by-hop -> ip6-lookup -> ip6-hop-by-hop (the node stamps its own slot,
//             starts the POT) -> interface-output
//   transit = ip6-hop-by-hop -> interface-output
//   decap   = ip6-pop-hop-by-hop (POT verify, header removed) -> interface-output
// so the Wasm figure includes the dispatcher, ip6-lookup and interface-output (C and TS do only the
// IOAM work). Packets change, so every timed step has an untimed step before it that restores its
// input (measurePhased): encap and decap undo each other (the decap before each encap, the encap
// before each decap); transit's input is restored by copying the packet bytes and descriptors back.
// The restore is not in the figure, for all three implementations alike.
import { BUFFER_HEADROOM, DESC_FLAGS, DESC_OPAQUE_CLASSIFIER, DESC_RX_IF, DESC_SIZE, DESC_TX_IF } from "../../assembly/engine/descriptor.layout.js";
import * as G from "../../assembly/graph/graph.layout.js";
import { IOAM_CONFIG_SIZE } from "../../assembly/ioam/ioam-config.layout.js";
import { POT_CONFIG_SIZE } from "../../assembly/pot/pot-profile.layout.js";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { runCliText } from "../../src/host/vpp-cli/config.js";
import { createRegistry } from "../../src/host/vpp-cli/index.js";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import type { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { benchKernels } from "../../src/host/engine/bench-kernels.js";
import { ioamState } from "../../src/host/ioam/ioam-state.js";
import { potConfigAddress } from "../../src/host/pot/pot-state.js";
import type { PotProfileConfig } from "../../src/host/pot/profile.js";
import { loadEngine } from "../../src/io/engine-file.js";
import {
  ioamConfigTs,
  ioamDecapVectorTs,
  ioamEncapVectorTs,
  ioamPacketsTs,
  ioamPacketTs,
  ioamTransitVectorTs,
  type IoamConfigTs,
  type IoamPacketsTs,
} from "../baselines/ts/ioam.js";
import { potProfile16 } from "../baselines/ts/pot.js";
import { measure, measurePhased, type Measurement } from "../measure.js";
import { encodeFrames, writeNativeInput } from "../native.js";
import { PACKET_MIX } from "../packets.js";

export const IOAM_INTERFACE = "pcap0";
export const IOAM_TS_SEC = 1_700_000_000;
export const IOAM_TS_NSEC = 123_456_789;

// The guide's 3-node POT path, with the verifier's key on this one profile so that the same node
// can both start the POT (encap) and verify it (decap); transit updates with it too.
const POT: PotProfileConfig = {
  id: 0,
  prime: 0x7fff0000fa884685n,
  secretShare: 0x6c22eff0f45ec56dn,
  lpc: 0x7fff0000fa884682n,
  polynomial2: 0xffb543d4a9cn,
  bitsInRandom: 63,
  validatorKey: 0x7fff0000fa88465dn,
};
const hex = (v: bigint) => `0x${v.toString(16)}`;
const POT_CLI = [
  `set pot profile name bench id 0 validate-key ${hex(POT.validatorKey!)} prime-number ${hex(POT.prime)} secret_share ${hex(POT.secretShare)} lpc ${hex(POT.lpc)} polynomial2 ${hex(POT.polynomial2)} bits-in-random ${POT.bitsInRandom}`,
  "set pot profile-active name bench ID 0",
];

// The packets an encapsulator sees: the benchmark mix without the ones already carrying a hop-by-hop
// header (TCP SYN, SRv6 with an SRH, an H.Encaps'd UDP packet), destinations 2001:db8:2::2 and fc00:b::1.
const ACL = [
  "classify table miss-next node ip6-lookup mask l3 ip6 dst",
  "classify session acl-hit-next node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst 2001:db8:2::2",
  "classify session acl-hit-next node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst fc00:b::1",
  `set int input acl intfc ${IOAM_INTERFACE} ip6-table 0`,
];

export interface IoamVariant {
  name: "vpp" | "vpp-pot" | "rfc";
  cli: string[];
  pot?: PotProfileConfig;
}

export const IOAM_VARIANTS: IoamVariant[] = [
  {
    name: "vpp",
    cli: [...ACL, "set ioam-trace profile trace-type 0x1f trace-elts 4 trace-tsp 1 node-id 0x1 app-data 0x1234", "set ioam rewrite trace"],
  },
  {
    name: "vpp-pot",
    cli: [...ACL, ...POT_CLI, "set ioam-trace profile trace-type 0x1f trace-elts 4 trace-tsp 1 node-id 0x1 app-data 0x1234", "set ioam rewrite trace pot"],
    pot: POT,
  },
  {
    name: "rfc",
    cli: [
      ...ACL,
      "set ioam6 namespace 123 data 0x5eed",
      "set interface ioam6 pcap0 enable id 11 wide 0x11111111",
      "set ioam-trace profile format rfc9197 namespace 123 trace-type 0xf00000 trace-elts 4 node-id 1",
      "set ioam rewrite trace",
    ],
  },
];

const PLAIN = PACKET_MIX.filter((p) => p.frame[14 + 6] !== 0).map((p) => p.frame);

/** `batch` frames without a hop-by-hop header, cycling through the mix. */
export function ioamFrames(batch: number): Uint8Array[] {
  return Array.from({ length: batch }, (_, i) => PLAIN[i % PLAIN.length]);
}

type State = "plain" | "encapsulated";

/** One side (Wasm or TS) of a fixture: the three steps and the transit input restore. */
export interface IoamSide {
  encap(): void;
  transit(): void;
  decap(): void;
  restoreTransitInput(): void;
  /** Packet i's bytes as they are now (a copy). */
  packet(i: number): Uint8Array;
  state: State;
}

export interface IoamFixture {
  variant: IoamVariant;
  batch: number;
  frames: Uint8Array[];
  engine: WasmEngine;
  wasm: IoamSide;
  ts: IoamSide & { packets: IoamPacketsTs; config: IoamConfigTs };
  /** What the C side needs: interfaces, clock, and the IOAM and POT blocks as the CLI left them before traffic. */
  nativeConfig: Uint8Array;
}

function u32le(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setUint32(i * 4, v >>> 0, true));
  return out;
}

/**
 * A fresh engine configured for `variant`, whose first `batch` descriptors hold the frames after
 * one run through the whole graph (encapsulated, own slot stamped), and the TS baseline in the same state.
 */
export async function ioamFixture(variant: IoamVariant, batch: number, load: () => Promise<WasmEngine> = () => loadEngine("release")): Promise<IoamFixture> {
  const engine = await load();
  let transmitted = 0;
  const dataplane = new Dataplane(engine, () => transmitted++);
  const rxIf = dataplane.interfaces.add(IOAM_INTERFACE).index;
  const { problems } = runCliText(createRegistry(), { dataplane }, variant.cli.join("\n"), `ioam-${variant.name}`);
  if (problems.length) throw new Error(`ioam bench config (${variant.name}): line ${problems[0].line}: ${problems[0].message}`);
  const potBlock = variant.pot ? potConfigAddress(dataplane) : 0;
  const memoryBefore = engine.memory;
  const nativeConfig = new Uint8Array(
    Buffer.concat([
      u32le(rxIf, rxIf, IOAM_TS_SEC, IOAM_TS_NSEC, IOAM_CONFIG_SIZE),
      ioamState(dataplane).configBlock(),
      u32le(potBlock ? POT_CONFIG_SIZE : 0),
      potBlock ? memoryBefore.slice(potBlock, potBlock + POT_CONFIG_SIZE) : new Uint8Array(0),
    ]),
  );

  const frames = ioamFrames(batch);
  const before = engine.errorCounts()[G.ERR_ADD_HBH_ADDED];
  for (const data of frames) dataplane.receive(IOAM_INTERFACE, { linkType: LINKTYPE_ETHERNET, tsSec: IOAM_TS_SEC, tsNsec: IOAM_TS_NSEC, data });
  dataplane.flush();
  if (transmitted !== batch || engine.errorCounts()[G.ERR_ADD_HBH_ADDED] - before !== BigInt(batch)) {
    throw new Error(`ioam bench (${variant.name}): the encapsulating graph did not encapsulate and transmit every packet`);
  }
  const txIf = engine.descriptorField16(0, DESC_TX_IF);
  if (engine.descriptorField16(0, DESC_RX_IF) !== rxIf || txIf !== rxIf) throw new Error("ioam bench: unexpected interfaces");

  const wasm = wasmSide(engine, batch);
  const packets = ioamPacketsTs(frames, BUFFER_HEADROOM, 14);
  const config = ioamConfigTs(nativeConfig.subarray(20, 20 + IOAM_CONFIG_SIZE), variant.pot ? potProfile16(variant.pot, true) : undefined, {
    rxIf,
    txIf,
    sec: IOAM_TS_SEC,
    nsec: IOAM_TS_NSEC,
  });
  const ts = tsSide(packets, config, batch);
  ts.encap();
  return { variant, batch, frames, engine, wasm, ts, nativeConfig };
}

function wasmSide(engine: WasmEngine, n: number): IoamSide {
  const mem = engine.memory;
  const descriptors = engine.descriptorAddress(0);
  const kernels = benchKernels(engine);
  const run = (node: number) => {
    kernels.rearmVector(n, node);
    engine.processVector(n, IOAM_TS_SEC, IOAM_TS_NSEC, false);
  };
  let transitInput: { descriptors: Uint8Array; packets: { at: number; bytes: Uint8Array }[] } | undefined;
  const side: IoamSide = {
    state: "encapsulated",
    encap() {
      run(G.NODE_IP6_ADD_HOP_BY_HOP);
      side.state = "encapsulated";
    },
    decap() {
      run(G.NODE_IP6_POP_HOP_BY_HOP);
      side.state = "plain";
    },
    transit() {
      run(G.NODE_IP6_HOP_BY_HOP);
    },
    restoreTransitInput() {
      if (!transitInput) {
        // The first call snapshots the encapsulated vector, as a transit node would receive it:
        // no input-ACL hit, no opaque, not encapsulated here.
        if (side.state !== "encapsulated") throw new Error("transit input must be an encapsulated vector");
        const snapshot = mem.slice(descriptors, descriptors + n * DESC_SIZE);
        for (let i = 0; i < n; i++) {
          snapshot[i * DESC_SIZE + DESC_FLAGS] = 0;
          snapshot.fill(0, i * DESC_SIZE + DESC_OPAQUE_CLASSIFIER, i * DESC_SIZE + DESC_OPAQUE_CLASSIFIER + 4);
        }
        const packets = Array.from({ length: n }, (_, i) => {
          const view = engine.packetView(i);
          return { at: view.byteOffset, bytes: view.slice() };
        });
        transitInput = { descriptors: snapshot, packets };
      }
      mem.set(transitInput.descriptors, descriptors);
      for (const p of transitInput.packets) mem.set(p.bytes, p.at);
    },
    packet: (i) => engine.packetView(i).slice(),
  };
  return side;
}

function tsSide(packets: IoamPacketsTs, config: IoamConfigTs, n: number): IoamFixture["ts"] {
  let transitInput: { at: number; bytes: Uint8Array }[] | undefined;
  const side: IoamFixture["ts"] = {
    packets,
    config,
    state: "plain",
    encap() {
      ioamEncapVectorTs(packets, n, config);
      side.state = "encapsulated";
    },
    decap() {
      ioamDecapVectorTs(packets, n, config);
      side.state = "plain";
    },
    transit() {
      ioamTransitVectorTs(packets, n, config);
    },
    restoreTransitInput() {
      if (!transitInput) {
        if (side.state !== "encapsulated") throw new Error("transit input must be an encapsulated vector");
        transitInput = Array.from({ length: n }, (_, i) => ({ at: packets.start[i], bytes: ioamPacketTs(packets, i).slice() }));
      }
      for (const p of transitInput) packets.mem.set(p.bytes, p.at);
    },
    packet: (i) => ioamPacketTs(packets, i).slice(),
  };
  return side;
}

/** The three measurements of one side, leaving it as it found it (encapsulated). */
async function measureSide(kernel: (step: string) => string, impl: "wasm" | "ts", side: IoamSide, batch: number, timeMs: number): Promise<Measurement[]> {
  const out: Measurement[] = [];
  out.push(await measurePhased(kernel("transit"), impl, batch, side.restoreTransitInput, side.transit, timeMs));
  out.push(await measurePhased(kernel("encap"), impl, batch, side.decap, side.encap, timeMs));
  side.decap();
  out.push(await measurePhased(kernel("decap"), impl, batch, side.encap, side.decap, timeMs));
  side.encap();
  return out;
}

export async function ioamSuite(batches: number[], timeMs: number): Promise<Measurement[]> {
  const results: Measurement[] = [];
  writeNativeInput("ioam-frames.bin", encodeFrames(ioamFrames(Math.max(...batches))));
  for (const variant of IOAM_VARIANTS) {
    for (const batch of batches) {
      const f = await ioamFixture(variant, batch);
      writeNativeInput(`ioam-${variant.name}.bin`, f.nativeConfig);
      const kernel = (step: string) => `ioam-${step}-${variant.name}`;
      results.push(...(await measureSide(kernel, "wasm", f.wasm, batch, timeMs)));
      results.push(...(await measureSide(kernel, "ts", f.ts, batch, timeMs)));
      if (variant.name === "vpp") {
        // Not a kernel: what every Wasm figure above carries besides the IOAM work, i.e. the vector
        // entering the graph straight at interface-output (JS->Wasm call, dispatcher, transmit list).
        const kernels = benchKernels(f.engine);
        results.push(
          await measure(
            "graph-floor",
            "wasm",
            batch,
            () => {
              kernels.rearmVector(batch, G.NODE_INTERFACE_OUTPUT);
              f.engine.processVector(batch, IOAM_TS_SEC, IOAM_TS_NSEC, false);
            },
            timeMs,
          ),
        );
      }
    }
  }
  return results;
}
