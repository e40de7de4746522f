// The `manycast/browser` API, run under Node (it needs nothing Node has and a browser lacks): the
// iOAM guide's encapsulating config over the M-Anycast clients' capture gives the same file, byte
// for byte, as `manycast replay`; CLI problems carry their position; decodeFrame is the decoder.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEngine, decodeFrame, openCapture, ManycastEngine } from "../../src/browser/index.js";
import { engineWasmPath } from "../../src/io/engine-file.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CONFIG = join(ROOT, "examples", "ioam-guide", "encap-trace.conf");
const INPUT = join(ROOT, "examples", "manycast", "clients.pcap");
const IFACE = "GigabitEthernet0/0/0";

describe("manycast/browser", () => {
  const dir = mkdtempSync(join(tmpdir(), "mc-browser-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("replays a capture exactly as `manycast replay` does", async () => {
    const out = join(dir, "cli.pcap");
    execFileSync(process.execPath, [join(ROOT, "bin", "manycast.js"), "replay", "-q", "--interface", IFACE, "-c", CONFIG, "--in", INPUT, "--out", out]);
    const engine = await createEngine({ wasm: readFileSync(engineWasmPath()) });
    engine.attachInterface(IFACE);
    const applied = engine.cli(readFileSync(CONFIG, "utf8"), "encap-trace.conf");
    expect(applied.problems).toEqual([]);
    const result = engine.replay(readFileSync(INPUT), { interface: IFACE });
    expect(result.summary.packetsIn).toBe(18);
    expect(result.transmitted.length).toBe(18);
    expect(Buffer.from(ManycastEngine.outputCapture(result, "pcap")).equals(readFileSync(out))).toBe(true);
    expect(engine.cli("show errors").output.join("\n")).toMatch(/ip6-add-hop-by-hop|packets/);
  });

  it("reports a bad line with its position and applies nothing of it", async () => {
    const engine = await createEngine({ wasm: readFileSync(engineWasmPath()) });
    const result = engine.cli("show errors\nset ioam rewrite trace-type 0x1f bogus", "page");
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ source: "page", line: 2 });
    expect(engine.complete("sh ioam tr").candidates).toEqual(expect.arrayContaining(["trace", "trace-stats"]));
  });

  it("decodes a frame like the command line's decoder", () => {
    const capture = openCapture(readFileSync(INPUT));
    const first = capture.records().next().value!;
    const frame = decodeFrame(first.data, first.linkType);
    expect(frame.fields.get("ipv6.dst")).toEqual(["db06::6"]);
    expect(frame.columns.protocol).toBe("TCP");
  });
});
