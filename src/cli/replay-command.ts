// `manycast replay -c CONFIG --in IN --out OUT [--trace N]`: a capture through the engine.
// Order matters for what a failure leaves behind: the input is opened and the output's format
// decided, the output is checked (never the input, by device and inode), the whole config is
// applied and --show lines checked, and only then are the outputs created, as OUT.partial; OUT
// takes its name when the replay ends. A rejected option or line leaves every file as it was.
// The capture is read into the engine's memory and walked in Wasm, and the output written from it
// the same way (src/io/capture-file.ts): no JavaScript per packet.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { CaptureFileSource, captureSinkOnto } from "../io/capture-file.js";
import { FrameRefused } from "../host/capture/capture-vector-sink.js";
import type { VectorSink } from "../host/dataplane/vector-io.js";
import type { WasmEngine } from "../host/engine/wasm-engine.js";
import { captureOpenProblem, captureTailProblem } from "../io/capture-problems.js";
import { FileProblem } from "../io/file-problems.js";
import { OutputSet, type OutputFile } from "../io/output-file.js";
import { Progress } from "../io/progress.js";
import { flushAllSinks } from "../io/line-sink.js";
import { formatReplaySummary, replayVectors } from "../host/replay.js";
import { TRACE_ADD_MAX } from "../host/dataplane/packet-trace.js";
import { linkTypeName } from "../host/capture/link-types.js";
import { terminalSafe } from "../host/text/terminal-safe.js";
import { applyConfig, openSession, startOutputs, UsageError, type Session } from "./session.js";
import { collect } from "./options.js";
import { replayOutputFormat } from "./replay-output.js";
import { finishPcapTrace } from "../host/vpp-cli/commands/pcap-trace.js";

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

/** --trace N: as many packets as `trace add` takes. */
export function traceCount(value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > TRACE_ADD_MAX) {
    throw new InvalidArgumentError(`'${value}' is not a packet count from 1 to ${TRACE_ADD_MAX}`);
  }
  return Number(value);
}

export function registerReplayCommand(program: Command): void {
  program
    .command("replay")
    .description(`run a capture through the engine: packets enter on ${REPLAY_INTERFACE}, what the engine transmits is written to --out`)
    .requiredOption("--in <file>", "input capture (pcap or pcapng; a FIFO or /dev/stdin too)")
    .requiredOption("--out <file>", "output capture (.pcapng gives pcapng, anything else pcap), written as OUT.partial and renamed at the end")
    .option("-c, --config <file>", "VPP CLI config applied before the replay")
    .option("--exec <command>", "a CLI command applied after the config (repeatable)", collect, [])
    .option("--trace <n>", `trace the first N packets (like 'trace add ${REPLAY_INTERFACE} N', at most ${TRACE_ADD_MAX}) and print 'show trace'`, traceCount)
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

function openInput(path: string, engine: WasmEngine, rxInterface: number): CaptureFileSource {
  try {
    return CaptureFileSource.open(path, engine, { rxInterface });
  } catch (err) {
    const problem = captureOpenProblem(path, err);
    if (problem) throw new UsageError(problem);
    throw err;
  }
}

function planOutput(outputs: OutputSet, path: string): OutputFile {
  try {
    return outputs.plan(path, "--out");
  } catch (err) {
    if (err instanceof FileProblem) throw new UsageError(`${err.message}; nothing was run`);
    throw err;
  }
}

/** Why the output stopped, in words: a frame pcap cannot hold, or the file could not be written. */
function outputFailure(err: unknown, output: string): string {
  if (err instanceof FileProblem) return err.message;
  const name = terminalSafe(output);
  if (err instanceof FrameRefused && /link type/.test(err.message)) {
    return `${name}: a frame of link type ${linkTypeName(err.linkType)} came after the pcap output was started with another (a pcap file holds one): write a .pcapng output`;
  }
  if (err instanceof FrameRefused && /tsSec/.test(err.message)) {
    return `${name}: a frame stamped ${err.tsSec} s is past what pcap's 32-bit seconds hold (2106-02-07T06:28:15Z): write a .pcapng output`;
  }
  throw err;
}

export async function runReplay(job: ReplayJob): Promise<void> {
  const outputs = new OutputSet();
  // The engine comes first: the input is read straight into its memory.
  const session: Session = await openSession(undefined, job.debugEngine ? "debug" : "release", outputs);
  const { dataplane } = session;
  const rxInterface = job.interfaceName ?? REPLAY_INTERFACE;
  const input = openInput(job.input, dataplane.engine, dataplane.interfaces.add(rxInterface).index);
  outputs.guardInput(job.input);
  if (job.config) outputs.guardInput(job.config);
  let stopped: string | undefined;
  try {
    const { format, linkType } = replayOutputFormat(input, job.output);
    const output = planOutput(outputs, job.output);
    const fileSink = captureSinkOnto(output, dataplane.engine, { format, precision: "ns", linkType });
    // An output that fails (a frame pcap cannot hold, a full disk) stops the replay; what came
    // before it is written.
    const sink: VectorSink = {
      drain(tx) {
        if (stopped !== undefined) return;
        try {
          fileSink.drain(tx);
        } catch (err) {
          stopped = outputFailure(err, job.output);
        }
      },
    };
    dataplane.setSink(sink);
    applyConfig(session, {
      config: job.config,
      exec: job.exec,
      setup: job.trace ? [{ line: `trace add ${rxInterface} ${job.trace}`, source: "--trace" }] : [],
      show: job.show,
    });
    startOutputs(session);

    const progress = new Progress(`replay ${job.input}`);
    let summary;
    try {
      // A malformed tail ends the input: what came before it is still replayed and written.
      summary = replayVectors(
        dataplane,
        input.source,
        (n) => progress.update(input.source.bytesConsumed, input.bytesTotal, `${n} packets`),
        () => stopped !== undefined,
      );
    } catch (err) {
      // Whatever stopped the replay (an export file that filled a disk, say), the outputs keep
      // what they got under NAME.partial and the named files stay as they were.
      const kept = outputs.abandon();
      if (err instanceof FileProblem) {
        process.stderr.write(`manycast replay: ${err.message}; stopped${keptNote(kept)}\n`);
        process.exitCode = 1;
        return;
      }
      throw err;
    } finally {
      progress.done();
    }
    const pcapTrace = finishPcapTrace(dataplane);
    flushAllSinks();
    if (pcapTrace) process.stdout.write(`manycast replay: ${pcapTrace}\n`);
    if (stopped === undefined) {
      try {
        outputs.commit();
      } catch (err) {
        if (!(err instanceof FileProblem)) throw err;
        stopped = err.message;
      }
    }
    const framesWritten = fileSink.packets;
    const out = process.stdout;
    const kept = stopped === undefined ? [] : outputs.abandon();
    const where =
      stopped === undefined
        ? terminalSafe(job.output)
        : `${terminalSafe(job.output)} (stopped, ${framesWritten} frames written to ${terminalSafe(output.partialPath)})`;
    out.write(`manycast replay: ${terminalSafe(job.input)} -> ${where}\n${formatReplaySummary(summary)}\n`);
    if (stopped !== undefined) {
      process.stderr.write(`manycast replay: ${stopped}; stopped after ${framesWritten} frames${keptNote(kept)}\n`);
      process.exitCode = 1;
    }
    const inputError = input.failure;
    if (inputError) {
      process.stderr.write(`manycast replay: ${captureTailProblem(job.input, inputError)}\n`);
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
  } finally {
    input.close();
  }
}

function keptNote(kept: string[]): string {
  return kept.length ? `; the named outputs are unchanged, what was written is in ${kept.map(terminalSafe).join(", ")}` : "";
}
