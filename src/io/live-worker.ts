// One worker of `manycast run --workers N`: a LiveEngine in a worker_thread, with its own sockets in
// each interface's PACKET_FANOUT_HASH group (so a flow stays on one worker), answering the main
// thread's requests between its vectors. Node only.
import { parentPort, workerData } from "node:worker_threads";
import type { Action } from "../host/cli/registry.js";
import type { EngineCounters } from "../host/interfaces/engine-counters.js";
import type { NeighbourChange } from "../host/nd/neighbour-discovery.js";
import type { ConfigProblem } from "../host/cli/config.js";
import { loadAfPacket } from "./afpacket.js";
import type { EngineBuild } from "./engine-file.js";
import { LiveEngine, type LineResult } from "./live-engine.js";

export interface WorkerSetup {
  index: number;
  build: EngineBuild;
  /** Fanout group ids are fanoutBase + the host interface's ordinal (the same in every worker). */
  fanoutBase: number;
}

export type ToWorker =
  | { type: "configure"; id: number; text: string; source: string }
  | { type: "prepare"; id: number; line: string }
  | { type: "commit"; id: number }
  | { type: "abort"; id: number }
  | { type: "execute"; id: number; line: string; peers?: EngineCounters[] }
  | { type: "counters"; id: number }
  | { type: "neighbour"; change: NeighbourChange }
  | { type: "start"; id: number }
  | { type: "stop"; id: number };

export type FromWorker =
  | { type: "ready" }
  | { type: "failed"; why: string }
  | { type: "reply"; id: number; result?: LineResult; configured?: { output: string[]; problems: ConfigProblem[] }; counters?: EngineCounters }
  | { type: "neighbour"; change: NeighbourChange }
  | { type: "log"; line: string };

const setup = workerData as WorkerSetup;
const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

const loaded = loadAfPacket();
if (!loaded.addon) {
  post({ type: "failed", why: loaded.why });
} else {
  const engine = await LiveEngine.create({
    addon: loaded.addon,
    build: setup.build,
    fanoutGroup: (_name, ordinal) => fanoutGroup(setup.fanoutBase, ordinal),
    captureSuffix: setup.index > 0 ? `-w${setup.index}` : undefined,
    log: (line) => post({ type: "log", line }),
  });
  engine.onNeighbour((change) => post({ type: "neighbour", change }));
  const prepared = new Map<number, Action>();
  port.on("message", (m: ToWorker) => {
    switch (m.type) {
      case "configure":
        post({ type: "reply", id: m.id, configured: engine.configure(m.text, m.source) });
        break;
      case "prepare": {
        const action = engine.prepare(m.line);
        if (typeof action === "function") {
          prepared.set(m.id, action);
          post({ type: "reply", id: m.id, result: { output: "" } });
        } else post({ type: "reply", id: m.id, result: action });
        break;
      }
      case "commit": {
        const action = prepared.get(m.id);
        prepared.delete(m.id);
        post({ type: "reply", id: m.id, result: action ? engine.commit(action) : { error: { column: 1, message: "nothing prepared" } } });
        break;
      }
      case "abort":
        prepared.delete(m.id);
        break;
      case "execute":
        post({ type: "reply", id: m.id, result: engine.execute(m.line, m.peers) });
        break;
      case "counters":
        post({ type: "reply", id: m.id, counters: engine.counters() });
        break;
      case "neighbour":
        engine.applyNeighbour(m.change);
        break;
      case "start":
        engine.start();
        post({ type: "reply", id: m.id });
        break;
      case "stop":
        engine.stop();
        post({ type: "reply", id: m.id, counters: engine.counters() });
        break;
    }
  });
  post({ type: "ready" });
}

/** A PACKET_FANOUT group id: 16 bits, never 0 (0 means no fanout). */
function fanoutGroup(base: number, ordinal: number): number {
  return ((base + ordinal) % 0xffff) + 1;
}
