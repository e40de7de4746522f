// `manycast replay -c CONFIG --in IN --out OUT [--trace N]`: a capture through the engine.
import type { Command } from "commander";
import { extname } from "node:path";
import { CaptureFileSink, CaptureFileSource, CaptureFormatError } from "../io/capture-file.js";
import { Progress } from "../io/progress.js";
import { flushAllSinks } from "../io/line-sink.js";
import { formatReplaySummary, replayVectors } from "../host/replay.js";
import { applyConfig, openSession, UsageError } from "./session.js";
import { collect, positiveInteger } from "./options.js";

export const REPLAY_INTERFACE = "pcap0";

export interface ReplayJob {
  config?: string;
  exec: string[];
  input: string;
  output: string;
  trace?: number;
  show: string[];
  debugEngine?: boolean;
  quiet?: boolean;
  /** The interface packets enter on (and leave by, with no routes); pcap0 unless a config names another. */
  interfaceName?: string;
}

export function registerReplayCommand(program: Command): void {
  program
    .command("replay")
    .description(`run a capture through the engine: packets enter on ${REPLAY_INTERFACE}, what the engine transmits is written to --out`)
    .requiredOption("--in <file>", "input capture (pcap or pcapng)")
    .requiredOption("--out <file>", "output capture (.pcapng gives pcapng, anything else pcap)")
    .option("-c, --config <file>", "VPP CLI config applied before the replay")
    .option("--exec <command>", "a CLI command applied after the config (repeatable)", collect, [])
    .option("--trace <n>", `trace the first N packets (like 'trace add ${REPLAY_INTERFACE} N') and print 'show trace'`, positiveInteger)
    .option("--show <command>", "a show command to print after the replay (repeatable)", collect, [])
    .option("--interface <name>", `the interface packets enter on, e.g. the one a pasted VPP config attaches its ACL to`, REPLAY_INTERFACE)
    .option("--debug-engine", "use the debug build of the engine (bounds-checked)")
    .option("-q, --quiet", "print only the summary")
    .action(async (opts) => {
      await runReplay({
        config: opts.config,
        exec: opts.exec,
        input: opts.in,
        output: opts.out,
        trace: opts.trace,
        show: opts.show,
        debugEngine: opts.debugEngine,
        quiet: opts.quiet,
        interfaceName: opts.interface,
      });
    });
}

export async function runReplay(job: ReplayJob): Promise<void> {
  const session = await openSession(undefined, job.debugEngine ? "debug" : "release");
  const { dataplane } = session;
  const rxInterface = job.interfaceName ?? REPLAY_INTERFACE;
  const rx = dataplane.interfaces.add(rxInterface);
  // The input is read straight into the engine's memory and walked in Wasm; the output is written
  // from it the same way (src/io/capture-file.ts): no JavaScript per packet.
  let input: CaptureFileSource;
  try {
    input = CaptureFileSource.open(job.input, dataplane.engine, { rxInterface: rx.index });
  } catch (err) {
    throw new UsageError(err instanceof CaptureFormatError ? err.message : `${job.input}: ${(err as Error).message}`);
  }
  const output = CaptureFileSink.create(job.output, dataplane.engine, {
    format: extname(job.output) === ".pcapng" ? "pcapng" : "pcap",
    precision: "ns",
    linkType: input.source.linkType ?? 1,
  });
  dataplane.setSink(output.sink);
  applyConfig(session, job.config, job.exec);
  if (job.trace) session.run(`trace add ${rxInterface} ${job.trace}`, "--trace");

  const progress = new Progress(`replay ${job.input}`);
  let summary;
  try {
    // A malformed tail ends the input: what came before it is still replayed and written.
    summary = replayVectors(dataplane, input.source, (n) => progress.update(input.source.bytesConsumed, input.bytesTotal, `${n} packets`));
  } finally {
    progress.done();
    input.close();
    output.close();
  }
  const inputError = input.failure;
  flushAllSinks();
  const out = process.stdout;
  out.write(`manycast replay: ${job.input} -> ${job.output}\n${formatReplaySummary(summary)}\n`);
  if (inputError) {
    process.stderr.write(`manycast replay: ${job.input}: ${inputError.message} (input ended there)\n`);
    process.exitCode = 1;
  }
  if (!job.quiet) {
    out.write("\nvpp# show errors\n");
    session.run("show errors", "replay");
    out.write("\nvpp# show runtime\n");
    session.run("show runtime", "replay");
  }
  for (const command of job.show) {
    out.write(`\nvpp# ${command}\n`);
    session.run(command, "--show");
  }
  if (job.trace) {
    out.write("\nvpp# show trace\n");
    session.run("show trace", "--trace");
  }
}
