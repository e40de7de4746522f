// `manycast decode FILE [-V] [--json] [-T fields -e FIELD ...] [-E opt=val ...] [-c COUNT]`:
// a capture decoded the way tshark 4.0 shows it.
import type { Command } from "commander";
import { CaptureFileReader, CaptureFormatError } from "../io/capture-file.js";
import {
  checkFieldNames,
  Decoder,
  JsonArrayWriter,
  parseFieldsOptions,
  renderFieldsHeader,
  renderFieldsLine,
  renderSummaryLine,
  renderTree,
  type DecodedFrame,
  type FieldsOptions,
} from "../host/decode/index.js";
import { positiveInteger } from "./options.js";
import { captureOpenProblem, captureTailProblem } from "../io/capture-problems.js";
import { terminalSafe } from "../host/text/terminal-safe.js";

export type DecodeOutput = "summary" | "tree" | "json" | "fields";

export interface DecodeJob {
  file: string;
  output: DecodeOutput;
  fields: string[];
  fieldOptions: FieldsOptions;
  count?: number;
}

const FLUSH_AT = 1 << 16;

/** Where decoded text goes: process.stdout, or anything with its write/drain contract. */
export interface DecodeSink {
  write(chunk: string): boolean;
  on(event: "drain" | "error", listener: (error?: NodeJS.ErrnoException) => void): unknown;
  off(event: "drain" | "error", listener: (error?: NodeJS.ErrnoException) => void): unknown;
}

/** Output in 64 KiB writes, waiting for the pipe to drain; a closed pipe (| head) ends quietly. */
class BufferedOutput {
  private parts: string[] = [];
  private size = 0;
  closed = false;
  private readonly onError = (err?: NodeJS.ErrnoException): void => {
    if (err?.code !== "EPIPE") throw err;
    this.closed = true;
  };

  constructor(private readonly sink: DecodeSink) {
    sink.on("error", this.onError);
  }

  detach(): void {
    this.sink.off("error", this.onError);
  }

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0 || this.closed) return;
    const chunk = this.parts.join("");
    this.parts = [];
    this.size = 0;
    if (!this.sink.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.sink.off("drain", done);
          this.sink.off("error", done);
          resolve();
        };
        this.sink.on("drain", done);
        this.sink.on("error", done);
      });
    }
  }
}

function fail(message: string): void {
  process.stderr.write(`manycast decode: ${message}\n`);
  process.exitCode = 1;
}

/** Repeatable options without a default, so that --help shows none. */
function append(value: string, previous?: string[]): string[] {
  return [...(previous ?? []), value];
}

function chooseOutput(opts: { V?: boolean; json?: boolean; T?: string }): DecodeOutput {
  if (opts.json || opts.T === "json") return "json";
  if (opts.T === "fields") return "fields";
  return opts.V ? "tree" : "summary";
}

export function registerDecodeCommand(program: Command): void {
  program
    .command("decode")
    .description("decode a capture (pcap or pcapng) like tshark 4.0: summary lines, -V trees, JSON or -T fields")
    .argument("<file>", "capture file")
    .option("-V", "print the protocol tree of every frame")
    .option("--json", "print a JSON array of frames (layers and fields)")
    .option("-T <format>", "output format: text (default), fields or json")
    .option("-e <field>", "a field for -T fields (repeatable); see docs/decode-fields.md", append)
    .option("-E <option>", "-T fields output option: separator=/t|/s|X, occurrence=f|l|a, aggregator=,|/s|X, header=y|n, quote=d|s|n (repeatable)", append)
    .option("-c <count>", "stop after COUNT frames", positiveInteger)
    .action(async (file: string, given: { V?: boolean; json?: boolean; T?: string; e?: string[]; E?: string[]; c?: number }) => {
      const opts = { ...given, e: given.e ?? [], E: given.E ?? [] };
      if (opts.T !== undefined && !["text", "fields", "json"].includes(opts.T)) {
        fail(`-T ${opts.T}: the output formats are text, fields and json`);
        return;
      }
      const output = chooseOutput(opts);
      if (output === "fields" && opts.e.length === 0) {
        fail("-T fields needs at least one -e FIELD");
        return;
      }
      if (output !== "fields" && opts.e.length > 0) {
        fail('fields were given with -e, but "-T fields" was not');
        return;
      }
      let fieldOptions: FieldsOptions;
      try {
        checkFieldNames(opts.e);
        fieldOptions = parseFieldsOptions(opts.E);
      } catch (err) {
        fail((err as Error).message);
        return;
      }
      await runDecode({ file, output, fields: opts.e, fieldOptions, ...(opts.c !== undefined ? { count: opts.c } : {}) });
    });
}

function render(frame: DecodedFrame, job: DecodeJob, json: JsonArrayWriter): string {
  switch (job.output) {
    case "tree":
      return renderTree(frame);
    case "json":
      return json.frame(frame);
    case "fields":
      return renderFieldsLine(frame, job.fields, job.fieldOptions) + "\n";
    case "summary":
      return renderSummaryLine(frame) + "\n";
  }
}

export async function runDecode(job: DecodeJob, sink: DecodeSink = process.stdout): Promise<void> {
  let reader: CaptureFileReader;
  try {
    reader = CaptureFileReader.open(job.file);
  } catch (err) {
    const problem = captureOpenProblem(job.file, err);
    if (problem === undefined) throw err;
    fail(problem);
    return;
  }
  const out = new BufferedOutput(sink);
  const json = new JsonArrayWriter();
  // Only -V and --json show the tree; the other outputs skip building its labels.
  const decoder = new Decoder({ tree: job.output === "tree" || job.output === "json" });
  let readError: unknown;
  try {
    if (job.output === "json") await out.write(json.open());
    if (job.output === "fields" && job.fieldOptions.header) await out.write(renderFieldsHeader(job.fields, job.fieldOptions) + "\n");
    let decoded = 0;
    try {
      for (let record = reader.next(); record !== null && !out.closed; record = reader.next()) {
        const frame = decoder.decodePacket(record);
        await out.write(render(frame, job, json));
        // Machine-readable outputs keep stdout clean: what is wrong goes to stderr.
        if ((job.output === "fields" || job.output === "json") && frame.problems.length > 0) {
          process.stderr.write(`manycast decode: ${terminalSafe(job.file)}: frame ${frame.number}: ${terminalSafe(frame.problems.join("; "))}\n`);
        }
        if (job.count !== undefined && ++decoded >= job.count) break;
      }
    } catch (err) {
      // A malformed capture: everything before the fault was printed; say where it stopped.
      readError = err;
    }
    if (job.output === "json") await out.write(json.close());
    await out.flush();
  } finally {
    reader.close();
    out.detach();
  }
  if (readError !== undefined) {
    if (!(readError instanceof CaptureFormatError)) throw readError;
    fail(captureTailProblem(job.file, readError));
  }
}
