// `manycast replay -c CONFIG --in IN --out OUT [--trace N]`: a capture through the engine.
import type { Command } from "commander";
import { extname } from "node:path";
import { CaptureFileReader, CaptureFileWriter, CaptureFormatError } from "../io/capture-file.js";
import { Progress } from "../io/progress.js";
import { flushAllSinks } from "../io/line-sink.js";
import { formatReplaySummary, replayFrames } from "../host/replay.js";
import type { Frame } from "../host/dataplane/dataplane.js";
import { applyConfig, openSession, UsageError } from "./session.js";
import { finishPcapTrace } from "../host/cli/commands/pcap-trace.js";
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
  let reader: CaptureFileReader;
  try {
    reader = CaptureFileReader.open(job.input);
  } catch (err) {
    throw new UsageError(`${job.input}: ${(err as Error).message}`);
  }
  const writer = CaptureFileWriter.create(job.output, {
    format: extname(job.output) === ".pcapng" ? "pcapng" : "pcap",
    precision: "ns",
    linkType: reader.linkType ?? 1,
  });
  const session = await openSession((frame) => writer.write(frame), job.debugEngine ? "debug" : "release");
  const rxInterface = job.interfaceName ?? REPLAY_INTERFACE;
  session.dataplane.interfaces.add(rxInterface);
  applyConfig(session, job.config, job.exec);
  if (job.trace) session.run(`trace add ${rxInterface} ${job.trace}`, "--trace");

  const progress = new Progress(`replay ${job.input}`);
  // A malformed tail ends the input: what came before it is still replayed and written.
  let inputError: Error | undefined;
  const frames: Iterable<Frame> = {
    [Symbol.iterator]: () => ({
      next: () => {
        let record = null;
        try {
          record = inputError ? null : reader.next();
        } catch (err) {
          if (!(err instanceof CaptureFormatError)) throw err;
          inputError = err;
        }
        return record ? { value: record, done: false } : { value: undefined, done: true };
      },
    }),
  };
  let summary;
  try {
    summary = replayFrames(session.dataplane, rxInterface, frames, (n) =>
      progress.update(reader.bytesRead, reader.bytesTotal, `${n} packets`),
    );
  } finally {
    progress.done();
    reader.close();
    writer.close();
  }
  const pcapTrace = finishPcapTrace(session.dataplane);
  flushAllSinks();
  if (pcapTrace) process.stdout.write(`manycast replay: ${pcapTrace}\n`);
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
