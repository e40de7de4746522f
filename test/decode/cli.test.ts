// `manycast decode` end to end: the real capture reader, the command's options, its errors, and
// its `-T fields` output against tshark's for the same -e/-E arguments.
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { beforeAll, describe, expect, it } from "vitest";
import { registerDecodeCommand, runDecode, type DecodeJob } from "../../src/cli/decode-command.js";
import { DEFAULT_FIELDS_OPTIONS, parseFieldsOptions } from "../../src/host/decode/index.js";
import { missingOracles, runPython, skipWithout, tempDir, TSHARK } from "./helpers/oracles.js";
import { StringSink, captureStderr } from "./helpers/sink.js";

const GENERATOR = join(import.meta.dirname, "fixtures", "make_varied_pcaps.py");
const FIELDS = [
  "frame.number",
  "ipv6.src",
  "ipv6.dst",
  "ipv6.opt.type",
  "ipv6.opt.ioam.trace.node.id",
  "ipv6.routing.srh.addr",
  "udp.srcport",
  "tcp.flags",
  "icmpv6.type",
];
const skip = skipWithout(missingOracles());

async function decode(job: Partial<DecodeJob> & { file: string }): Promise<{ stdout: string; stderr: string; exitCode: number | undefined }> {
  const sink = new StringSink();
  const full: DecodeJob = { output: "summary", fields: [], fieldOptions: DEFAULT_FIELDS_OPTIONS, ...job };
  const { stderr, exitCode } = await captureStderr(() => runDecode(full, sink));
  return { stdout: sink.text, stderr, exitCode };
}

/** Parses argv like the real CLI does, with output captured. */
async function cli(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number | undefined }> {
  const program = new Command().exitOverride();
  registerDecodeCommand(program);
  const sink = new StringSink();
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = sink.write.bind(sink) as typeof process.stdout.write;
  try {
    const { stderr, exitCode } = await captureStderr(() => program.parseAsync(["node", "manycast", "decode", ...args]).then(() => undefined));
    return { stdout: sink.text, stderr, exitCode };
  } finally {
    process.stdout.write = write;
  }
}

describe("manycast decode errors", () => {
  it("a missing file", async () => {
    const result = await decode({ file: "/nonexistent/capture.pcap" });
    expect(result.stderr).toBe("manycast decode: /nonexistent/capture.pcap: no such file\n");
    expect(result.exitCode).toBe(1);
  });

  it("a file that is not a capture", async () => {
    const path = join(tempDir("manycast-cli-"), "text.pcap");
    writeFileSync(path, "not a capture file at all");
    const result = await decode({ file: path });
    expect(result.stderr).toMatch(new RegExp(`^manycast decode: ${path}: capture: file header at offset 0: .+\\n$`));
    expect(result.exitCode).toBe(1);
  });

  it("unknown fields name docs/decode-fields.md", async () => {
    const result = await cli(["x.pcap", "-T", "fields", "-e", "ipv6.src", "-e", "ipv6.fragment.offset", "-e", "nope.field"]);
    expect(result.stderr).toBe(
      "manycast decode: unknown fields: ipv6.fragment.offset (tshark 4.0 calls it ipv6.fraghdr.offset), nope.field; the supported fields and their formats are listed in docs/decode-fields.md\n",
    );
    expect(result.exitCode).toBe(1);
  });

  it("bad -E and -T usage", async () => {
    expect((await cli(["x.pcap", "-T", "fields", "-e", "ipv6.src", "-E", "occurrence=2"])).stderr).toContain(
      '"occurrence=2" is not a valid field output option=value pair',
    );
    expect((await cli(["x.pcap", "-T", "fields"])).stderr).toBe("manycast decode: -T fields needs at least one -e FIELD\n");
    expect((await cli(["x.pcap", "-e", "ipv6.src"])).stderr).toBe('manycast decode: fields were given with -e, but "-T fields" was not\n');
    expect((await cli(["x.pcap", "-T", "pdml"])).stderr).toBe("manycast decode: -T pdml: the output formats are text, fields and json\n");
  });
});

describe("-E options", () => {
  it("parse like tshark's", () => {
    expect(parseFieldsOptions(["separator=/s", "aggregator=;", "occurrence=l", "header=y", "quote=d"])).toEqual({
      separator: " ",
      aggregator: ";",
      occurrence: "l",
      header: true,
      quote: "d",
    });
    expect(parseFieldsOptions(["separator=ab"]).separator).toBe("a");
    expect(parseFieldsOptions(["separator=/t", "aggregator=/s"])).toMatchObject({ separator: "\t", aggregator: " " });
  });
});

describe.skipIf(skip)("manycast decode against tshark", () => {
  let dir = "";
  let eth = "";

  beforeAll(() => {
    dir = tempDir("manycast-cli-");
    runPython(GENERATOR, [dir]);
    eth = join(dir, "eth.pcap");
  });

  const combos = [
    [],
    ["-E", "header=y"],
    ["-E", "separator=,", "-E", "quote=d"],
    ["-E", "occurrence=f", "-E", "quote=s"],
    ["-E", "occurrence=l", "-E", "separator=/s", "-E", "header=y"],
    ["-E", "aggregator=/s", "-E", "separator=|"],
    ["-E", "aggregator=;", "-E", "quote=d", "-E", "header=y"],
  ];
  for (const options of combos) {
    it(`-T fields ${options.join(" ") || "(defaults)"} is byte-identical to tshark's`, async () => {
      const args = ["-T", "fields", ...FIELDS.flatMap((f) => ["-e", f]), ...options];
      const ours = await cli([eth, ...args]);
      const theirs = execFileSync(TSHARK, ["-r", eth, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      expect(ours.stdout).toBe(theirs);
      expect(ours.exitCode).toBeUndefined();
    });
  }

  it("reads pcapng and stops after -c frames", async () => {
    const pcapng = join(dir, "eth.pcapng");
    execFileSync("/usr/bin/editcap", ["-F", "pcapng", eth, pcapng], { stdio: "ignore" });
    const args = ["-T", "fields", "-e", "frame.number", "-e", "ipv6.src", "-e", "frame.time_epoch", "-c", "7"];
    const ours = await cli([pcapng, ...args]);
    const theirs = execFileSync(TSHARK, ["-r", pcapng, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(ours.stdout).toBe(theirs);
  });

  // Where the summary is known to differ: tshark's TCP analysis (window scaling, retransmissions,
  // reused ports), RPL address expansion, and its wording for a few broken headers.
  const SUMMARY_DIFFERS = new Set([
    "routing type 3 RPL",
    "TCP ACK with SACK and TS",
    "TCP experimental 253 ExID",
    "TCP experimental 254 and unknown and EOL",
    "V1 truncated to 10",
    "TCP data offset past end",
    "TCP option length past end",
    "bogus IP version",
    "fragment header truncated",
  ]);

  it("prints tshark's summary line per frame, with what is wrong at the end of malformed ones", async () => {
    const { stdout } = await cli([eth]);
    const names = (JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<string, string[]>)["eth.pcap"]!;
    const ours = stdout.trimEnd().split("\n");
    const theirs = execFileSync(TSHARK, ["-r", eth], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .trimEnd()
      .split("\n");
    expect(ours.length).toBe(theirs.length);
    const differing = ours
      .map((line, i) => ({
        name: names[i]!,
        ours: line.replace(/ \[[^\]]*\]$/, ""),
        theirs: theirs[i]!.replace(/\[(Malformed Packet|Packet size limited)[^\]]*\]$/, ""),
      }))
      .filter((row) => row.ours !== row.theirs && !SUMMARY_DIFFERS.has(row.name));
    expect(differing).toEqual([]);
    expect(ours.some((line) => line.endsWith("[IPv6 payload length 1200 runs past the end of the frame (11 bytes left)]"))).toBe(true);
  });

  it("-V prints the tshark-style tree, Frame first, four spaces a level", async () => {
    const { stdout } = await cli([eth, "-V", "-c", "1"]);
    const tree = stdout.split("\n");
    expect(tree[0]).toBe("Frame 1: 102 bytes on wire (816 bits), 102 bytes captured (816 bits)");
    expect(tree).toContain("Internet Protocol Version 6, Src: 2001:db8:1::2, Dst: 2001:db8:2::2");
    expect(tree).toContain("    IPv6 Hop-by-Hop Option");
    expect(tree).toContain("            Pre-allocated Trace");
    expect(tree).toContain("                Namespace ID: 123");
    expect(tree).toContain("                0000 1... = Node Length: 1");
  });

  it("--json gives an array of frames with layers and fields", async () => {
    const { stdout } = await cli([eth, "--json", "-c", "3"]);
    const frames = JSON.parse(stdout) as { number: number; fields: Record<string, string[]>; layers: { label: string }[] }[];
    expect(frames.map((f) => f.number)).toEqual([1, 2, 3]);
    expect(frames[2]!.fields["ipv6.opt.ioam.trace.node.id"]).toEqual(["0x000002", "0x000001"]);
    expect(frames[0]!.layers[0]!.label).toMatch(/^Frame 1: /);
  });

  it("a malformed capture tail: frames before it are printed, then the error", async () => {
    const cut = join(dir, "cut.pcap");
    copyFileSync(eth, cut);
    const bytes = execFileSync("head", ["-c", "300", cut]);
    writeFileSync(cut, bytes);
    const result = await cli([cut, "-T", "fields", "-e", "frame.number"]);
    expect(result.stdout.length).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/^manycast decode: .*cut\.pcap: capture\.pcap: record at offset \d+: .+\n$/);
    expect(result.exitCode).toBe(1);
  });
});
