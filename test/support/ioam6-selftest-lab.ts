// ioam6.sh's topology with the live kernel as Beta (the IOAM transit node) and Gamma (the receiver
// the parser runs on), and manycast in Alpha's place: its encapsulated echo requests, one per test
// case (the ICMPv6 sequence number names the case), are sent from Alpha's namespace, routed by
// Alpha's kernel to Beta and captured on Gamma. Two phases, as ioam6.sh runs them: Beta's veth0
// with IOAM off (the OUTPUT cases, and input_disabled), then on (the other INPUT cases). Kept here
// so the kernel-oracle recorder can run it too (recording `ioam6-selftest`).
//
//   [manycast as Alpha] -> a0 ---- b0 [Linux Beta: ioam6 id 2] b1 ---- c0 (Gamma, capture)
//   2001:db8:1::2          2001:db8:1::1            2001:db8:2::1     2001:db8:2::2
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeFrames } from "./cli.js";
import { SYSTEM_PYTHON } from "./environment.js";
import type { KernelFeature } from "./kernel-features.js";
import { NetnsLab, sleep } from "./netns.js";
import { FIXTURES } from "./repo.js";
import { BETA } from "./ioam6-parser.js";
import { alphaOutput, inputCases, NS, outputCases, type SelftestCase } from "./ioam6-selftest.js";

const SEND = join(FIXTURES, "send_ipv6_from_pcap.py");

export const SELFTEST_NEEDS: readonly KernelFeature[] = ["netns", "veth", "ioam6Transit"];
export const SELFTEST_RECORDING = "ioam6-selftest";

/** The ICMPv6 sequence number a case's packet carries: OUTPUT cases from 1, INPUT cases from 101. */
export function sequenceOf(test: SelftestCase): number {
  const outputs = outputCases().map((c) => c.name);
  const at = outputs.indexOf(test.name);
  return at >= 0 ? at + 1 : 101 + inputCases().findIndex((c) => c.name === test.name);
}

/** Beta's IOAM is off on its ingress for the OUTPUT cases and input_disabled, on for the others. */
export function phaseOf(test: SelftestCase): "off" | "on" {
  return test.name.startsWith("output") || !test.betaEnabled ? "off" : "on";
}

export const ALL_CASES = (): SelftestCase[] => [...outputCases(), ...inputCases()];

/** manycast's Alpha output for every case of a phase, written into dir; returns the capture. */
export async function alphaPackets(dir: string, phase: "off" | "on"): Promise<string> {
  const file = join(dir, `alpha-${phase}.pcap`);
  const cases = ALL_CASES().filter((c) => phaseOf(c) === phase);
  writeFrames(file, await Promise.all(cases.map((c) => alphaOutput(c, sequenceOf(c)))));
  return file;
}

export interface SelftestLabFiles {
  /** manycast's packets, as sent into Beta, per phase. */
  sentOff: string;
  sentOn: string;
  /** What Gamma received, per phase. */
  receivedOff: string;
  receivedOn: string;
  /** `nstat -az Ip6InHdrErrors` on Beta after both phases. */
  hdrErrors: string;
}

export async function runSelftestLab(dir: string): Promise<SelftestLabFiles> {
  const lab = new NetnsLab("s");
  try {
    const [a, b, c] = lab.addLine(["a", "b", "c"]);
    lab.addAddress(a, "a0", "2001:db8:1::50/64");
    lab.addRoute(a, ["2001:db8:2::/64", "via", "2001:db8:1::1", "dev", "a0"]);
    lab.addRoute(c, ["2001:db8:1::/64", "via", "2001:db8:2::1", "dev", "c0"]);
    // Beta, as ioam6.sh configures it.
    lab.sysctl(b, {
      "net.ipv6.conf.all.forwarding": 1,
      "net.ipv6.ioam6_id": BETA.id,
      "net.ipv6.ioam6_id_wide": String(BETA.wide),
      "net.ipv6.conf.b0.ioam6_id": BETA.ingressId,
      "net.ipv6.conf.b0.ioam6_id_wide": BETA.ingressWide,
      "net.ipv6.conf.b1.ioam6_id": BETA.egressId,
      "net.ipv6.conf.b1.ioam6_id_wide": BETA.egressWide,
    });
    lab.ip(b, ["ioam", "namespace", "add", String(NS)]);
    await sleep(1000);
    await lab.warmUp(a, "2001:db8:2::2");

    const run = async (phase: "off" | "on") => {
      lab.sysctl(b, { "net.ipv6.conf.b0.ioam6_enabled": phase === "on" ? 1 : 0 });
      const sent = await alphaPackets(dir, phase);
      const received = join(dir, `gamma-${phase}.pcap`);
      const tcpdump = await lab.startCapture(c, "c0", received, ["ip6", "and", "src", "2001:db8:1::2", "and", "dst", "2001:db8:2::2"]);
      await lab.execAsync(a, [SYSTEM_PYTHON, SEND, sent, "--gap-ms", "2"]);
      await sleep(300);
      await tcpdump.stop();
      return { sent, received };
    };
    const off = await run("off");
    const on = await run("on");
    const hdrErrors = join(dir, "hdr-errors.txt");
    writeFileSync(hdrErrors, lab.exec(b, ["nstat", "-az", "Ip6InHdrErrors"]).stdout);
    return { sentOff: off.sent, sentOn: on.sent, receivedOff: off.received, receivedOn: on.received, hdrErrors };
  } finally {
    lab.cleanup();
  }
}
