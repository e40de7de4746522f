// Parse kernel (link header, IPv6 header, extension chain, upper-layer header checks) and the whole
// bump-in-the-wire graph, in Wasm, against the tuned TypeScript baseline on the same packets.
// "graph-bump-grouped" is a diagnostic, not a kernel: the same packets as graph-bump with the
// hop-by-hop ones moved to the end of the vector, so that they leave interface-output in receive
// order; the difference to graph-bump is the cost of putting the transmit list back in receive
// order when packets took paths of different lengths (sortTx).
import { NODE_ETHERNET_INPUT } from "../../assembly/graph/graph.layout.js";
import type { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { benchKernels } from "../../src/host/engine/bench-kernels.js";
import { parseVectorTs } from "../baselines/ts/parse.js";
import { packFrames } from "../baselines/ts/frames.js";
import { measure, type Measurement } from "../measure.js";
import { encodeFrames, writeNativeInput } from "../native.js";
import { packetVector } from "../packets.js";

export async function parseSuite(engine: WasmEngine, batches: number[], timeMs: number): Promise<Measurement[]> {
  writeNativeInput("frames.bin", encodeFrames(packetVector(Math.max(...batches))));
  const results: Measurement[] = [];
  const kernels = benchKernels(engine);
  for (const batch of batches) {
    const frames = packetVector(batch);
    frames.forEach((data, slot) =>
      engine.putPacket(slot, { data, rxInterface: 1, tsSec: 0, tsNsec: 0, entryNode: NODE_ETHERNET_INPUT, l3Offset: 0, traceSlot: 0 }),
    );
    if (kernels.parseVector(batch) !== batch) throw new Error("parse kernel rejected a benchmark packet");
    results.push(await measure("parse", "wasm", batch, () => kernels.parseVector(batch), timeMs));

    const { mem, offsets, lengths } = packFrames(frames);
    const l4 = new Uint16Array(batch);
    if (parseVectorTs(mem, offsets, lengths, l4, batch) !== batch) throw new Error("TS baseline rejected a benchmark packet");
    results.push(await measure("parse", "ts", batch, () => parseVectorTs(mem, offsets, lengths, l4, batch), timeMs));

    // The whole graph on the vector as it is placed: every packet from ethernet-input on again.
    const graphBump = (kernel: string) =>
      measure(
        kernel,
        "wasm",
        batch,
        () => {
          kernels.rearmVector(batch, NODE_ETHERNET_INPUT);
          engine.processVector(batch, 0, 0, false);
        },
        timeMs,
      );
    results.push(await graphBump("graph-bump"));

    const hasHopByHop = (f: Uint8Array) => f[14 + 6] === 0;
    const grouped = [...frames.filter((f) => !hasHopByHop(f)), ...frames.filter(hasHopByHop)];
    grouped.forEach((data, slot) =>
      engine.putPacket(slot, { data, rxInterface: 1, tsSec: 0, tsNsec: 0, entryNode: NODE_ETHERNET_INPUT, l3Offset: 0, traceSlot: 0 }),
    );
    results.push(await graphBump("graph-bump-grouped"));
  }
  return results;
}
