// Link types decided up front: a pcapng input with frames of two link types the engine reads
// cannot go to one pcap file (refused before anything runs, pointing at .pcapng, which holds
// both); frames of a link type the engine does not read are dropped and counted and do not
// decide the output's; an input of such frames only is refused; a stream that changes link type
// part-way stops its pcap output with a summary. Whatever is written, tshark opens.
import { expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { manycast, scratchDir } from "../support/cli.js";
import { describeWith, NEEDS } from "../support/requirements.js";
import { tshark } from "../support/tshark.js";
import { concat, epb, idb, shb } from "../capture/capture-bytes.js";
import { flowFrame, keyNumber, packetOf } from "../flow/flow-fixtures.js";
import { LINKTYPE_ETHERNET, LINKTYPE_RAW } from "../../src/host/capture/link-types.js";

const NS = 1_000_000_000n;
const T0 = 1_700_000_000n;
const LINKTYPE_UNKNOWN = 999;

const ether = flowFrame;
const raw = (k: number) => packetOf(keyNumber(k));

/**
 * A pcapng of `interfaces` (link types) whose frame k, one a second, is on interface `onInterface[k]`:
 * key number k's packet in an Ethernet frame there, or bare (what a raw or unknown link type holds).
 */
function capture(dir: string, name: string, interfaces: number[], onInterface: number[]): string {
  const path = join(dir, name);
  const blocks = onInterface.map((id, k) => epb(true, id, (T0 + BigInt(k)) * NS, interfaces[id] === LINKTYPE_ETHERNET ? ether(k) : raw(k)));
  writeFileSync(path, concat(shb(true), ...interfaces.map((linkType) => idb(true, { linkType, tsresol: 9 })), ...blocks));
  return path;
}

describeWith(NEEDS.tshark, "output link types decided before the replay", () => {
  it("refuses Ethernet and raw IPv6 frames for one pcap file, and writes both to pcapng", () => {
    const dir = scratchDir("mixed");
    const input = capture(dir, "mixed.pcapng", [LINKTYPE_ETHERNET, LINKTYPE_RAW], [0, 1, 0]);
    const pcap = join(dir, "out.pcap");
    const refused = manycast(["replay", "--in", input, "--out", pcap]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `manycast replay: ${input} has frames of link types ETHERNET and RAW, and a pcap file holds one: write a .pcapng output instead of ${pcap}; nothing was run\n`,
    );
    expect(existsSync(pcap)).toBe(false);
    const pcapng = join(dir, "out.pcapng");
    const run = manycast(["replay", "--in", input, "--out", pcapng, "-q"]);
    expect(run.status).toBe(0);
    expect(tshark(["-r", pcapng, "-T", "fields", "-e", "frame.encap_type"]).stdout).toBe("1\n7\n1\n");
  });

  it("lets frames the engine does not read drop, counted, without deciding the pcap's link type", () => {
    const dir = scratchDir("first-unknown");
    const input = capture(dir, "user.pcapng", [LINKTYPE_UNKNOWN, LINKTYPE_ETHERNET], [0, 1, 1]);
    const pcap = join(dir, "out.pcap");
    const run = manycast(["replay", "--in", input, "--out", pcap, "-q"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/packets in\s+3\n\s*packets out\s+2\n\s*packets dropped\s+1\n\s+1\s+device-input: capture link type not supported/);
    expect(tshark(["-r", pcap, "-T", "fields", "-e", "frame.encap_type"]).stdout).toBe("1\n1\n");
  });

  it("refuses a pcap output for an input whose only link type the engine does not read; pcapng gets an empty capture", () => {
    const dir = scratchDir("only-unknown");
    const input = capture(dir, "user.pcapng", [LINKTYPE_UNKNOWN], [0]);
    const run = manycast(["replay", "--in", input, "--out", join(dir, "out.pcap")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${input}: has frames of link type LINKTYPE_999 only, which the engine does not read (it reads ETHERNET, RAW,`);
    expect(existsSync(join(dir, "out.pcap"))).toBe(false);
    const pcapng = join(dir, "out.pcapng");
    const kept = manycast(["replay", "--in", input, "--out", pcapng, "-q"]);
    expect(kept.status).toBe(0);
    expect(kept.stdout).toMatch(/packets in\s+1\n\s*packets out\s+0\n\s*packets dropped\s+1/);
    expect(tshark(["-r", pcapng, "-T", "fields", "-e", "frame.number"]).stdout).toBe("");
  });

  it("refuses a pcap output for frames stamped past what pcap's seconds hold", () => {
    const dir = scratchDir("past-2106");
    const input = join(dir, "late.pcapng");
    writeFileSync(input, concat(shb(true), idb(true, { linkType: 1, tsresol: 9 }), epb(true, 0, 2n ** 32n * NS, ether(0))));
    const run = manycast(["replay", "--in", input, "--out", join(dir, "out.pcap")]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("has frames stamped past 2106-02-07T06:28:15Z, which pcap's 32-bit seconds cannot hold: write a .pcapng output");
  });

  it("stops a stream's pcap output with a summary at a frame stamped past 2106", () => {
    const dir = scratchDir("stream-late");
    const late = concat(shb(true), idb(true, { linkType: 1, tsresol: 9 }), epb(true, 0, T0 * NS, ether(0)), epb(true, 0, 2n ** 32n * NS, ether(1)));
    const pcap = join(dir, "out.pcap");
    const run = manycast(["replay", "--in", "-", "--out", pcap, "-q"], { input: late });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`(stopped, 1 frames written to ${pcap}.partial)`);
    expect(run.stderr).toContain("a frame stamped 4294967296 s is past what pcap's 32-bit seconds hold (2106-02-07T06:28:15Z): write a .pcapng output");
    expect(tshark(["-r", `${pcap}.partial`, "-T", "fields", "-e", "frame.number"]).stdout).toBe("1\n");
  });

  it("stops a stream's pcap output with a summary when the link type changes part-way", () => {
    const dir = scratchDir("stream-mixed");
    const input = capture(dir, "mixed.pcapng", [LINKTYPE_ETHERNET, LINKTYPE_RAW], [0, 0, 1, 0]);
    const pcap = join(dir, "out.pcap");
    const run = manycast(["replay", "--in", "/dev/stdin", "--out", pcap, "-q"], { input: readFileSync(input) });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`-> ${pcap} (stopped, 2 frames written to ${pcap}.partial)`);
    expect(run.stdout).toMatch(/packets in\s+\d+\n\s*packets out\s+\d+\n\s*packets dropped\s+0/);
    expect(run.stderr).toContain(
      "a frame of link type RAW came after the pcap output was started with another (a pcap file holds one): write a .pcapng output",
    );
    expect(existsSync(pcap)).toBe(false);
    expect(tshark(["-r", `${pcap}.partial`, "-T", "fields", "-e", "frame.number"]).stdout).toBe("1\n2\n");
  });
});
