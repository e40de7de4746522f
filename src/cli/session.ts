// Builds a running engine for a CLI job: the Wasm engine, its data plane, the VPP command table,
// the job's outputs, and the config (-c FILE, then --exec lines, --trace) applied with problems
// reported per line. Nothing the job writes is created before the whole config was accepted.
import { Dataplane, type TransmitHandler } from "../host/dataplane/dataplane.js";
import type { VectorSink } from "../host/dataplane/vector-io.js";
import { createRegistry } from "../host/cli/index.js";
import { CONFIG_MAX_BYTES, formatProblem, runCliText, type ConfigProblem } from "../host/cli/config.js";
import type { CliContext } from "../host/cli/context.js";
import type { CommandRegistry } from "../host/cli/registry.js";
import { formatBytes } from "../host/engine/engine-memory.js";
import { loadEngine, type EngineBuild } from "../io/engine-file.js";
import { LineSink } from "../io/line-sink.js";
import { OutputSet } from "../io/output-file.js";
import { FileProblem } from "../io/file-problems.js";
import { readBoundedText } from "../io/text-file.js";
import { terminalSafeLines } from "../host/text/terminal-safe.js";
import { CaptureFileWriter } from "../io/capture-file.js";
import { LINKTYPE_ETHERNET } from "../host/capture/link-types.js";

export interface Session {
  dataplane: Dataplane;
  registry: CommandRegistry<CliContext>;
  context: CliContext;
  /** What the job writes: created when it starts, renamed when it ends. */
  outputs: OutputSet;
  /** Runs CLI text and prints its output; returns the problems (already printed to stderr). */
  run(text: string, source: string): ConfigProblem[];
  /** Parses CLI text without applying it; returns the problems (already printed to stderr). */
  check(text: string, source: string): ConfigProblem[];
}

/** A bad command line, option or config: exit status 2, and nothing was run. */
export class UsageError extends Error {
  exitCode = 2;
}

/** `sink` may be left out and set later (Dataplane.setSink), for sinks made in the engine's own memory. */
export async function openSession(sink: VectorSink | TransmitHandler | undefined, build: EngineBuild = "release", outputs = new OutputSet()): Promise<Session> {
  const engine = await loadEngine(build);
  const dataplane = new Dataplane(engine, sink ?? (() => undefined));
  const registry = createRegistry();
  const openExport = (target: string) => new LineSink(target === "stdout" ? "stdout" : outputs.plan(target, "the export file")).write;
  const context: CliContext = {
    dataplane,
    openExport,
    // `pcap trace ... file NAME`: pcapng with the interfaces' names.
    openCapture: (path) => CaptureFileWriter.create(path, { format: "pcapng", linkType: LINKTYPE_ETHERNET }),
  };
  const report = (text: string, source: string, apply: boolean) => {
    const result = runCliText(registry, context, text, source, { apply });
    // Show output carries names a config chose (interfaces, profile lists): escaped for the terminal.
    for (const out of result.output) process.stdout.write(`${terminalSafeLines(out)}\n`);
    for (const p of result.problems) process.stderr.write(`${formatProblem(p)}\n`);
    if (result.problemsNotListed > 0) process.stderr.write(`${source}: ${result.problemsNotListed} more problems not listed\n`);
    return result.problems;
  };
  return {
    dataplane,
    registry,
    context,
    outputs,
    run: (text, source) => report(text, source, true),
    check: (text, source) => report(text, source, false),
  };
}

export interface JobConfig {
  /** -c FILE */
  config?: string;
  /** --exec lines, after the config. */
  exec: string[];
  /** Lines the job runs itself before it starts (e.g. --trace's `trace add`), by the option that asked. */
  setup?: { line: string; source: string }[];
  /** --show lines, run after the job: checked now, so a bad one stops the job before it starts. */
  show?: string[];
}

/** Applies the config, --exec and setup lines and checks --show lines; any problem stops the job with exit status 2. */
export function applyConfig(session: Session, job: JobConfig): void {
  const problems: ConfigProblem[] = [];
  if (job.config) {
    let read;
    try {
      read = readBoundedText(job.config, CONFIG_MAX_BYTES);
    } catch (err) {
      if (err instanceof FileProblem) throw new UsageError(err.message);
      throw err;
    }
    if (read.cut) {
      const problem: ConfigProblem = {
        source: job.config,
        line: read.cut.line,
        column: read.cut.column,
        message: `config is larger than ${formatBytes(CONFIG_MAX_BYTES)}: is it a config file? Split a larger one, or load it in parts with --exec`,
        text: "",
      };
      process.stderr.write(`${formatProblem(problem)}\n`);
      problems.push(problem);
      // What was read up to the last whole line is still checked, so its problems show too.
      read.text = read.text.slice(0, read.text.lastIndexOf("\n") + 1);
    }
    problems.push(...session.run(read.text, job.config));
  }
  job.exec.forEach((line, i) => problems.push(...session.run(line, `--exec #${i + 1}`)));
  for (const { line, source } of job.setup ?? []) problems.push(...session.run(line, source));
  (job.show ?? []).forEach((line, i) => problems.push(...session.check(line, `--show #${i + 1}`)));
  if (problems.length > 0) throw new UsageError(`${problems.length} bad config line(s); nothing was run`);
}

/** Creates the job's outputs once its config was accepted; a file that cannot be created stops it (exit 2). */
export function startOutputs(session: Session): void {
  try {
    session.outputs.start();
  } catch (err) {
    if (err instanceof FileProblem) throw new UsageError(`${err.message}; nothing was run`);
    throw err;
  }
}
