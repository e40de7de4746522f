// The Linux kernel's IOAM selftest with the live kernel in it (test/support/ioam6-selftest-lab.ts):
// manycast is Alpha, the kernel is Beta and Gamma, the translated ioam6_parser checks run on what
// Gamma captured. OUTPUT cases (Beta's IOAM off): manycast's encapsulation as the parser expects
// Linux's. INPUT cases (Beta's IOAM on): the kernel fills manycast's empty traces as the parser
// expects, and manycast as Beta, given the same packets, writes byte for byte what the kernel wrote
// but the timestamps. On a kernel without IOAM transit the recording `ioam6-selftest` stands in
// (while manycast's packets are byte for byte the recorded ones).
//
// Linux as Alpha (its ioam6 lightweight tunnel) is not here: this kernel lacks
// CONFIG_IPV6_IOAM6_LWTUNNEL, and so does Debian's bookworm-backports kernel the VM recorder boots,
// so there is no recording of it either (docs/linux-differences.md).
import { beforeAll, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { describeWith, NEEDS, skipUnlessLive } from "../support/requirements.js";
import { readFrames, scratchDir } from "../support/cli.js";
import { disagreement, labDiffs, obtainLab, staleInput, staleMessage, type Obtained } from "../support/kernel-recordings.js";
import { checkPacket } from "../support/ioam6-parser.js";
import { betaConfig, inputCases, outputCases, SelftestNode } from "../support/ioam6-selftest.js";
import { alphaPackets, phaseOf, runSelftestLab, SELFTEST_NEEDS, SELFTEST_RECORDING, sequenceOf, type SelftestLabFiles } from "../support/ioam6-selftest-lab.js";
import { decodeFrame, LINKTYPE_RAW, renderFieldsLine } from "../../src/host/decode/index.js";
import { ALL_DECODER_FIELDS } from "../support/decoder-fields.js";

/** Each captured IPv6 packet by its ICMPv6 echo sequence number. */
function bySequence(file: string): Map<number, Uint8Array> {
  const packets = new Map<number, Uint8Array>();
  for (const frame of readFrames(file)) {
    const ip6 = frame.subarray(14);
    const hbhLength = ip6[6] === 0 ? (ip6[41] + 1) * 8 : 0;
    const icmp = 40 + hbhLength;
    if (ip6[icmp] === 128) packets.set((ip6[icmp + 6] << 8) | ip6[icmp + 7], ip6.slice());
  }
  return packets;
}

// Every field the decoder shows for an IPv6 packet but the receive timestamps.
const COMPARED = ALL_DECODER_FIELDS.filter((f) => f.startsWith("ipv6.") && f !== "ipv6.opt.ioam.trace.node.tss" && f !== "ipv6.opt.ioam.trace.node.tsf");

function fields(ipv6: Uint8Array): Record<string, string> {
  const d = decodeFrame(ipv6, LINKTYPE_RAW);
  return Object.fromEntries(COMPARED.map((f) => [f, renderFieldsLine(d, [f])]).filter(([, v]) => v !== ""));
}

describeWith(NEEDS.kernelOracle, "ioam6.sh with the live kernel as Beta and Gamma, manycast as Alpha (and as Beta)", () => {
  const dir = scratchDir("ioam6-selftest");
  let lab: Obtained<SelftestLabFiles>;
  let received: Record<"off" | "on", Map<number, Uint8Array>>;

  beforeAll(async () => {
    lab = await obtainLab<SelftestLabFiles>(SELFTEST_RECORDING, SELFTEST_NEEDS, ["sentOff", "sentOn", "receivedOff", "receivedOn", "hdrErrors"], () =>
      runSelftestLab(dir),
    );
    if (lab.source === "recorded") {
      // The kernel's recorded answer stands in only for the packets manycast still sends.
      for (const [phase, key] of [
        ["off", "sentOff"],
        ["on", "sentOn"],
      ] as const) {
        const stale = staleInput(await alphaPackets(dir, phase), lab.files[key]);
        if (stale) throw new Error(staleMessage(lab.rec!, stale));
      }
    }
    received = { off: bySequence(lab.files.receivedOff), on: bySequence(lab.files.receivedOn) };
  }, 180_000);

  it("Beta forwards every packet manycast encapsulated: no header errors, nothing lost", () => {
    expect(readFileSync(lab.files.hdrErrors, "utf8")).toMatch(/Ip6InHdrErrors\s+0\b/);
    for (const test of [...outputCases(), ...inputCases()]) expect(received[phaseOf(test)].has(sequenceOf(test)), test.name).toBe(true);
  });

  it("OUTPUT, inline mode (78 cases): on Gamma, manycast's encapsulation passes the parser's checks for Alpha", () => {
    const failed = outputCases()
      .map((t) => [t.name, checkPacket(received.off.get(sequenceOf(t))!, t.name, t.type, t.size, t.namespace, { alphaReceived: true })] as const)
      .filter(([, problems]) => problems.length > 0);
    expect(failed).toEqual([]);
  });

  it("INPUT, inline mode (80 cases): on Gamma, the kernel as Beta passes the parser's checks on manycast's traces", () => {
    const failed = inputCases()
      .map((t) => [t.name, checkPacket(received[phaseOf(t)].get(sequenceOf(t))!, t.name, t.type, t.size, t.namespace, { alphaReceived: true })] as const)
      .filter(([, problems]) => problems.length > 0);
    expect(failed).toEqual([]);
  });

  it("INPUT: manycast as Beta, given the packets the kernel was given, writes what the kernel wrote, field for field but the timestamps", async () => {
    const sent = { off: bySequence(lab.files.sentOff), on: bySequence(lab.files.sentOn) };
    const differing: string[] = [];
    for (const test of inputCases()) {
      const seq = sequenceOf(test);
      const beta = await SelftestNode.create(betaConfig(test));
      const [out] = beta.send("veth0", ethernetTo(sent[phaseOf(test)].get(seq)!));
      const ours = fields(out.data.subarray(14));
      const linux = fields(received[phaseOf(test)].get(seq)!);
      if (JSON.stringify(ours) !== JSON.stringify(linux)) differing.push(`${test.name}: ${JSON.stringify(diff(ours, linux))}`);
    }
    expect(differing).toEqual([]);
  });

  it("live: the kernel's answers agree with the recording, field for field", (ctx) => {
    if (skipUnlessLive(lab, SELFTEST_RECORDING, ctx)) return;
    const filter = "ipv6.src == 2001:db8:1::2";
    const diffs = [
      ...labDiffs(lab, SELFTEST_RECORDING, { receivedOff: filter }, { key: "sentOff", answers: ["receivedOff"] }),
      ...labDiffs(lab, SELFTEST_RECORDING, { receivedOn: filter }, { key: "sentOn", answers: ["receivedOn"] }),
    ];
    expect(diffs, disagreement(SELFTEST_RECORDING, lab.rec!, diffs)).toEqual([]);
  });
});

/** The IPv6 packet as Beta's veth0 receives it from Alpha (the lab's MACs). */
function ethernetTo(ipv6: Uint8Array): Uint8Array {
  const frame = new Uint8Array(14 + ipv6.length);
  frame.set([0x02, 0x6d, 0x63, 0x00, 0x62, 0x30, 0x02, 0x6d, 0x63, 0x00, 0x61, 0x30, 0x86, 0xdd]);
  frame.set(ipv6, 14);
  return frame;
}

function diff(a: Record<string, string>, b: Record<string, string>): Record<string, [string | undefined, string | undefined]> {
  const out: Record<string, [string | undefined, string | undefined]> = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (a[k] !== b[k]) out[k] = [a[k], b[k]];
  return out;
}
