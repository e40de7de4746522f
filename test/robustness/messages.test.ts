// Every message names the file once and says what is wrong in words a user can act on, and
// captures are read as streams: a FIFO or /dev/stdin replays and decodes like a file.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { manycast, REPO, scratchCapture, scratchDir, startManycast } from "../support/cli.js";
import { flowFrames } from "../flow/flow-fixtures.js";

const occurrences = (text: string, part: string) => text.split(part).length - 1;

const input = (tag: string) => scratchCapture(tag, flowFrames(10));

describe("export file problems are config problems with their position", () => {
  it("names a directory and a missing directory at the path's column", () => {
    const { dir, input: path } = input("export-dir");
    const conf = join(dir, "node.conf");
    writeFileSync(conf, "set ioam export file /tmp\nset ioam export file /nonexistent/dir/traces.jsonl\n");
    const run = manycast(["replay", "-c", conf, "--in", path, "--out", join(dir, "out.pcap")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${conf}:1:22: /tmp: is a directory: give the export file a file name`);
    expect(run.stderr).toContain(`${conf}:2:22: /nonexistent/dir/traces.jsonl: directory /nonexistent/dir does not exist: create it or choose another path`);
    expect(run.stderr).not.toMatch(/EISDIR|ENOENT| {4}at /);
  });
});

describe("input problems", () => {
  it("print the input's name once", () => {
    const { dir, input: path } = input("twice");
    const cut = join(dir, "cut.pcap");
    writeFileSync(cut, readFileSync(path).subarray(0, 100));
    const run = manycast(["replay", "--in", cut, "--out", join(dir, "out.pcap"), "-q"]);
    expect(run.status).toBe(1);
    expect(occurrences(run.stderr, cut)).toBe(1);
    expect(run.stderr).toMatch(
      /cut\.pcap: capture\.pcap: record at offset \d+: .*\(input ended there: the capture is damaged or cut short; what came before it was used\)/,
    );
    const garbage = join(dir, "notes.txt");
    writeFileSync(garbage, "not a capture at all");
    const notCapture = manycast(["replay", "--in", garbage, "--out", join(dir, "out2.pcap")]);
    expect(notCapture.status).toBe(2);
    expect(occurrences(notCapture.stderr, garbage)).toBe(1);
    expect(notCapture.stderr).toContain("give a pcap or pcapng capture");
  });

  it("say 'no such file' and 'is a directory' instead of errno text", () => {
    const dir = scratchDir("errno");
    mkdirSync(join(dir, "captures"));
    const missing = manycast(["replay", "--in", join(dir, "missing.pcap"), "--out", join(dir, "out.pcap")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`manycast replay: ${join(dir, "missing.pcap")}: no such file\n`);
    const directory = manycast(["replay", "--in", join(dir, "captures"), "--out", join(dir, "out.pcap")]);
    expect(directory.status).toBe(2);
    expect(directory.stderr).toBe(`manycast replay: ${join(dir, "captures")}: is a directory, not a pcap or pcapng capture\n`);
    const config = manycast(["replay", "-c", join(dir, "captures"), "--in", join(REPO, "examples", "sample.pcapng"), "--out", join(dir, "out.pcap")]);
    expect(config.status).toBe(2);
    expect(config.stderr).toBe(`manycast replay: ${join(dir, "captures")}: is a directory, not a config file\n`);
  });

  it("say which output directory is missing", () => {
    const { input: path } = input("no-dir");
    const run = manycast(["replay", "--in", path, "--out", "/nonexistent/dir/out.pcap"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "manycast replay: /nonexistent/dir/out.pcap: directory /nonexistent/dir does not exist: create it or choose another path; nothing was run\n",
    );
  });
});

describe("captures read as streams", () => {
  it("replays and decodes from /dev/stdin", () => {
    const { dir, input: path } = input("stdin");
    const bytes = readFileSync(path);
    const output = join(dir, "out.pcap");
    const replay = manycast(["replay", "--in", "/dev/stdin", "--out", output, "-q"], { input: bytes });
    expect(replay.stderr).toBe("");
    expect(replay.status).toBe(0);
    expect(replay.stdout).toMatch(/packets in\s+10\n\s*packets out\s+10/);
    const decode = manycast(["decode", "/dev/stdin"], { input: bytes });
    expect(decode.status).toBe(0);
    expect(decode.stdout.trim().split("\n")).toHaveLength(10);
  });

  it("replays from a FIFO", async () => {
    const { dir, input: path } = input("fifo");
    const fifo = join(dir, "in.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const child = startManycast(["replay", "--in", fifo, "--out", join(dir, "out.pcapng"), "-q"]);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    const writer = createWriteStream(fifo);
    writer.end(readFileSync(path));
    const status = await new Promise((resolve) => child.once("exit", resolve));
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toMatch(/packets in\s+10\n\s*packets out\s+10/);
  });
});
