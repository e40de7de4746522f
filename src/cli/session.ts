// Builds a running engine for a CLI job: the Wasm engine, its data plane, the VPP command table,
// and the config (-c FILE, then --exec lines) applied with problems reported per line.
import { readFileSync } from "node:fs";
import { Dataplane, type TransmitHandler } from "../host/dataplane/dataplane.js";
import { createRegistry } from "../host/cli/index.js";
import { formatProblem, runCliText, type ConfigProblem } from "../host/cli/config.js";
import type { CliContext } from "../host/cli/context.js";
import type { CommandRegistry } from "../host/cli/registry.js";
import { loadEngine, type EngineBuild } from "../io/engine-file.js";
import { LineSink } from "../io/line-sink.js";
import { CaptureFileWriter } from "../io/capture-file.js";
import { LINKTYPE_ETHERNET } from "../host/capture/link-types.js";

export interface Session {
  dataplane: Dataplane;
  registry: CommandRegistry<CliContext>;
  context: CliContext;
  /** Runs CLI text and prints its output; returns the problems (already printed to stderr). */
  run(text: string, source: string): ConfigProblem[];
}

export class UsageError extends Error {
  exitCode = 2;
}

export async function openSession(onTransmit: TransmitHandler, build: EngineBuild = "release"): Promise<Session> {
  const engine = await loadEngine(build);
  const dataplane = new Dataplane(engine, onTransmit);
  const registry = createRegistry();
  const context: CliContext = {
    dataplane,
    openExport: (target) => new LineSink(target).write,
    openCapture: (path) => CaptureFileWriter.create(path, { format: "pcapng", linkType: LINKTYPE_ETHERNET }),
  };
  return {
    dataplane,
    registry,
    context,
    run(text, source) {
      const result = runCliText(registry, context, text, source);
      for (const out of result.output) process.stdout.write(`${out}\n`);
      for (const p of result.problems) process.stderr.write(`${formatProblem(p)}\n`);
      return result.problems;
    },
  };
}

/** Applies -c FILE and --exec lines; any bad line stops the job with exit status 2. */
export function applyConfig(session: Session, configPath: string | undefined, execLines: string[]): void {
  const problems: ConfigProblem[] = [];
  if (configPath) {
    let text: string;
    try {
      text = readFileSync(configPath, "utf8");
    } catch (err) {
      throw new UsageError(`${configPath}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
    }
    problems.push(...session.run(text, configPath));
  }
  execLines.forEach((line, i) => problems.push(...session.run(line, `--exec #${i + 1}`)));
  if (problems.length > 0) throw new UsageError(`${problems.length} bad config line(s); nothing was run`);
}
