// Config text under hostile input: a `# comment` ends its own line and no more (a wrapped
// continuation still joins its command), a UTF-8 byte order mark is not a command, lines and
// files have limits reported as FILE:LINE:COLUMN (so `-c /dev/zero` stops at once), and errors
// never echo control bytes or whole megabyte tokens to the terminal.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { testNode } from "../support/engine.js";
import { manycast, scratchDir, writeFrames } from "../support/cli.js";
import { flowFrame } from "../flow/flow-fixtures.js";
import { runCliText, formatProblem, CONFIG_LINE_MAX } from "../../src/host/vpp-cli/config.js";
import { createRegistry } from "../../src/host/vpp-cli/index.js";

function input(dir: string): string {
  const path = join(dir, "in.pcap");
  writeFrames(path, [flowFrame(0)]);
  return path;
}

describe("comments and continuations", () => {
  it("joins a wrapped continuation after a line that ends in a comment", async () => {
    const node = await testNode();
    node.cli("set ioam-trace profile trace-type 0x1f trace-elts 4 trace-tsp 1 node-id 0x1 # this node\n   app-data 0x1234\n");
    expect(node.cli("show ioam-trace profile")).toMatch(/App Data\s*:\s*0x1234/i);
  });

  it("keeps a '#' inside quotes", async () => {
    const node = await testNode();
    const line = 'set ioam-trace profile trace-type 0x1f trace-elts 4 trace-tsp 1 node-id "0x#1"';
    const result = runCliText(createRegistry(), node.context, line, "q.conf");
    expect(result.problems.map((p) => [p.column, p.message])).toEqual([[line.indexOf('"') + 1, "expected node id, found '0x#1'"]]);
  });
});

describe("a UTF-8 byte order mark", () => {
  it("is not part of the first command", async () => {
    const node = await testNode();
    node.cli("\ufeffset nsim delay 5 ms interface pcap0\n");
    expect(node.cli("show nsim")).toContain("pcap0: delay 5 ms");
  });
});

describe("limits", () => {
  it("refuses a line past the limit at the column where it passes it, without running its command", async () => {
    const node = await testNode();
    const long = `set nsim delay 5 ms interface ${"x".repeat(CONFIG_LINE_MAX)}`;
    const result = runCliText(createRegistry(), node.context, `${long}\nset nsim delay 7 ms interface pcap0\n`, "long.conf");
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ line: 1, column: CONFIG_LINE_MAX + 1 });
    expect(result.problems[0].message).toContain(`line is longer than ${CONFIG_LINE_MAX} characters`);
    expect(node.cli("show nsim")).not.toContain("xxxx");
    expect(node.cli("show nsim")).toContain("pcap0: delay 7 ms");
  });

  it("stops reading -c /dev/zero at the size limit with FILE:LINE:COLUMN, and runs nothing", () => {
    const dir = scratchDir("dev-zero");
    const run = manycast(["replay", "-c", "/dev/zero", "--in", input(dir), "--out", join(dir, "out.pcap")], { timeoutMs: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^\/dev\/zero:1:67108865: config is larger than 64 MiB: is it a config file\?/m);
    expect(run.stdout).not.toContain("packets in");
    expect(run.stderr.length).toBeLessThan(4000);
  });
});

describe("terminal safety of config errors", () => {
  it("escapes control bytes and shortens long tokens", async () => {
    const node = await testNode();
    const text = `set nsim delay \x1b[31mred\x07 ms\nset nsim delay ${"9".repeat(5000)}x ms\n`;
    const result = runCliText(createRegistry(), node.context, text, "evil\x1b]0;title\x07.conf");
    const shown = result.problems.map(formatProblem).join("\n");
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    expect(shown).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(shown).toContain("evil\\033]0;title\\a.conf:1:16: expected delay, found '\\033[31mred\\a'");
    expect(shown).toMatch(/expected delay, found '9+…\(\d+ more characters\)/);
    expect(Math.max(...shown.split("\n").map((l) => l.length))).toBeLessThan(300);
  });
});

describe("terminal safety of show output", () => {
  it("escapes control characters in names a config chose", () => {
    const dir = scratchDir("show-escape");
    const run = manycast([
      "replay",
      "--in",
      input(dir),
      "--out",
      join(dir, "out.pcap"),
      "-q",
      "--exec",
      "set int ip address eth\x1b[2Jx 2001:db8::1/64",
      "--show",
      "show interface",
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("eth\\033[2Jx");
    expect(run.stdout).not.toContain("\x1b");
  });
});
