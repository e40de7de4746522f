// Runs the built `manycast` command line (dist/, made by `npm install`) as a user would.
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CaptureFileReader, CaptureFileWriter } from "../../src/io/capture-file.js";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { REPO } from "./repo.js";

export { REPO };
const BIN = join(REPO, "bin", "manycast.js");

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `manycast ARGS` to the end, with `input` on its standard input if given. */
export function manycast(args: string[], opts: { timeoutMs?: number; input?: Uint8Array } = {}): CliRun {
  if (!existsSync(join(REPO, "dist", "src", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: "utf8", timeout: opts.timeoutMs ?? 120_000, input: opts.input });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `manycast ARGS` without waiting for it (to feed it a FIFO, or to signal it). */
export function startManycast(args: string[], stdio: StdioOptions = "pipe"): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { cwd: REPO, stdio });
}

export function scratchDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `manycast-${tag}-`));
}

/** A scratch directory holding `frames` as the capture `input` (in.pcap). */
export function scratchCapture(tag: string, frames: Uint8Array[]): { dir: string; input: string } {
  const dir = scratchDir(tag);
  const input = join(dir, "in.pcap");
  writeFrames(input, frames);
  return { dir, input };
}

export function writeFrames(path: string, frames: Uint8Array[], startSec = 1_700_000_000, stepNs = 1_000_000): void {
  const writer = CaptureFileWriter.create(path, { linkType: LINKTYPE_ETHERNET, precision: "ns" });
  frames.forEach((data, i) => {
    const ns = i * stepNs;
    writer.write({ tsSec: startSec + Math.floor(ns / 1e9), tsNsec: ns % 1e9, data });
  });
  writer.close();
}

export function readFrames(path: string): Uint8Array[] {
  const reader = CaptureFileReader.open(path);
  const frames: Uint8Array[] = [];
  for (const record of reader) frames.push(record.data.slice());
  reader.close();
  return frames;
}

export function readLines(path: string): string[] {
  return readFileSync(path, "utf8").split("\n").filter(Boolean);
}
