// A bounds-checked engine with its data plane and CLI, capturing what it transmits.
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import { createRegistry } from "../../src/host/vpp-cli/index.js";
import { runCliText, type ConfigProblem } from "../../src/host/vpp-cli/config.js";
import type { CliContext } from "../../src/host/vpp-cli/context.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { problemLines } from "./cli-problems.js";

export interface TestNode extends CliRunner {
  engine: WasmEngine;
  dataplane: Dataplane;
  context: CliContext;
  sent: Uint8Array[];
  /** Every frame transmitted since the node was made, with its interface and time. */
  transmitted: { interfaceName: string; tsSec: number; tsNsec: number; data: Uint8Array }[];
  exported: string[];
  send(frames: Uint8Array[], tsSec?: number, tsNsec?: number): Uint8Array[];
}

export interface CliRunner {
  /** Runs CLI text and returns its output; throws with the problems if any line is rejected. */
  cli(text: string): string;
  /** Runs CLI text and returns the problems (lines that were rejected). */
  problems(text: string): ConfigProblem[];
}

/** The full CLI over `context`, its lines named after `source` in what it reports. */
export function cliRunner(context: CliContext, source = "test"): CliRunner {
  const registry = createRegistry();
  return {
    cli(text) {
      const result = runCliText(registry, context, text, source);
      if (result.problems.length) throw new Error(problemLines(result.problems).join("\n"));
      return result.output.join("\n");
    },
    problems: (text) => runCliText(registry, context, text, source).problems,
  };
}

export async function testNode(build: "debug" | "release" = "debug"): Promise<TestNode> {
  const engine = await WasmEngine.load(readFileSync(engineWasmPath(build)));
  const sent: Uint8Array[] = [];
  const transmitted: TestNode["transmitted"] = [];
  const exported: string[] = [];
  const dataplane = new Dataplane(engine, (f) => {
    sent.push(f.data.slice());
    transmitted.push({ interfaceName: f.interfaceName, tsSec: f.tsSec, tsNsec: f.tsNsec, data: f.data.slice() });
  });
  dataplane.interfaces.add("pcap0");
  const context: CliContext = { dataplane, openExport: () => (line) => exported.push(line) };
  return {
    engine,
    dataplane,
    context,
    sent,
    transmitted,
    exported,
    ...cliRunner(context),
    send(frames, tsSec = 1_700_000_000, tsNsec = 0) {
      sent.length = 0;
      for (const data of frames) dataplane.receive("pcap0", { linkType: LINKTYPE_ETHERNET, tsSec, tsNsec, data });
      dataplane.flush();
      return sent.slice();
    },
  };
}
