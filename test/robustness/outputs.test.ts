// Nothing lost: `manycast replay` opens no output before the whole config (and every option and
// --show line) was accepted, writes each output as NAME.partial and renames it at the end, never
// writes over one of its inputs (same device and inode, whatever the path), and says which file
// a write error hit.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, createWriteStream, existsSync, linkSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { manycast, scratchCapture, startManycast } from "../support/cli.js";
import { flowFrames } from "../flow/flow-fixtures.js";

const OLD = "the user's earlier output\n";

const setup = (tag: string) => scratchCapture(tag, flowFrames(20));

describe("a rejected config destroys nothing", () => {
  it("leaves an existing --out as it was when an --exec line is bad", () => {
    const { dir, input } = setup("out-kept");
    const output = join(dir, "existing.pcap");
    writeFileSync(output, OLD);
    const run = manycast(["replay", "--in", input, "--out", output, "--exec", "bogus command"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("--exec #1:1:1: unknown command 'bogus command'");
    expect(run.stderr).toContain("nothing was run");
    expect(readFileSync(output, "utf8")).toBe(OLD);
    expect(existsSync(`${output}.partial`)).toBe(false);
  });

  it("leaves an export file as it was when a later config line is bad", () => {
    const { dir, input } = setup("export-kept");
    const exported = join(dir, "traces.jsonl");
    writeFileSync(exported, OLD);
    const conf = join(dir, "node.conf");
    writeFileSync(conf, `set ioam export file ${exported}\nset ioam-trace profile trace-type 0x1f trace-elts banana\n`);
    const run = manycast(["replay", "-c", conf, "--in", input, "--out", join(dir, "out.pcap")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${conf}:2:`);
    expect(readFileSync(exported, "utf8")).toBe(OLD);
    expect(existsSync(join(dir, "out.pcap"))).toBe(false);
  });

  it("runs nothing and creates nothing for a --trace count out of range or a bad --show line", () => {
    const { dir, input } = setup("options");
    const output = join(dir, "out.pcap");
    const trace = manycast(["replay", "--in", input, "--out", output, "--trace", "50001"]);
    expect(trace.status).toBe(2);
    expect(trace.stderr).toContain("'50001' is not a packet count from 1 to 50000");
    expect(trace.stdout).not.toContain("packets in");
    const show = manycast(["replay", "--in", input, "--out", output, "--show", "bogus"]);
    expect(show.status).toBe(2);
    expect(show.stderr).toContain("--show #1:1:1: unknown command 'bogus'");
    expect(show.stdout).not.toContain("packets in");
    const unknown = manycast(["replay", "--in", input, "--out", output, "--no-such-option"]);
    expect(unknown.status).toBe(2);
    expect(existsSync(output)).toBe(false);
  });

  it("creates the export file once the config is accepted, and renames every output at the end", () => {
    const { dir, input } = setup("accepted");
    const output = join(dir, "out.pcap");
    writeFileSync(output, OLD);
    chmodSync(output, 0o640);
    const exported = join(dir, "traces.jsonl");
    const run = manycast(["replay", "--in", input, "--out", output, "-q", "--exec", `set ioam export file ${exported}`]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(existsSync(exported)).toBe(true);
    expect(readFileSync(output).length).toBeGreaterThan(24 + 20 * 16);
    expect(statSync(output).mode & 0o777).toBe(0o640);
    expect(existsSync(`${output}.partial`) || existsSync(`${exported}.partial`)).toBe(false);
  });
});

describe("inputs are never outputs", () => {
  it("refuses --out naming the input, through a hard link or a symbolic link too", () => {
    const { dir, input } = setup("same-file");
    const before = readFileSync(input);
    const hard = join(dir, "hard.pcap");
    linkSync(input, hard);
    const soft = join(dir, "soft.pcap");
    symlinkSync(input, soft);
    for (const output of [input, hard, soft]) {
      const run = manycast(["replay", "--in", input, "--out", output]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`${output}: is the input ${input} (same device and inode)`);
      expect(run.stderr).toContain("nothing was run");
    }
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it("refuses an --out or an export file that is the config", () => {
    const { dir, input } = setup("config-output");
    const conf = join(dir, "node.conf");
    const text = `set ioam export file ${input}\n`;
    writeFileSync(conf, text);
    const asOut = manycast(["replay", "-c", conf, "--in", input, "--out", conf]);
    expect(asOut.status).toBe(2);
    expect(asOut.stderr).toContain(`${conf}: is the input ${conf}`);
    const asExport = manycast(["replay", "-c", conf, "--in", input, "--out", join(dir, "out.pcap")]);
    expect(asExport.status).toBe(2);
    expect(asExport.stderr).toContain(`${conf}:1:22: ${input}: is the input ${input} (same device and inode)`);
    expect(readFileSync(conf, "utf8")).toBe(text);
  });

  it("refuses two outputs to one file", () => {
    const { dir, input } = setup("twice");
    const output = join(dir, "out.pcap");
    const run = manycast(["replay", "--in", input, "--out", output, "--exec", `set ioam export file ${output}`]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("is written twice in this job");
  });
});

describe("a replay that stops part-way", () => {
  it("leaves the named output untouched and what it wrote in NAME.partial when killed", async () => {
    const { dir } = setup("killed");
    const output = join(dir, "out.pcap");
    writeFileSync(output, OLD);
    // A FIFO keeps the replay waiting for more input: it is mid-run when the signal comes.
    const fifo = join(dir, "in.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const child = startManycast(["replay", "--in", fifo, "--out", output, "-q"], "ignore");
    // The capture goes in, but the FIFO stays open: the replay waits for more.
    const writer = createWriteStream(fifo);
    writer.write(readFileSync(join(dir, "in.pcap")));
    await waitFor(() => existsSync(`${output}.partial`));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    writer.destroy();
    expect(readFileSync(output, "utf8")).toBe(OLD);
    expect(existsSync(`${output}.partial`)).toBe(true);
  });

  it("names the file a write error hit and says what to do", () => {
    const { input } = setup("enospc");
    const run = manycast(["replay", "--in", input, "--out", "/dev/full", "-q"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("/dev/full: no space left on the device: free some space or write somewhere else");
    expect(run.stderr).not.toMatch(/ENOSPC| {4}at /);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
