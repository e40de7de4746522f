// The same differential over real Linux captures: IOAM filled by the kernel as a transit node,
// seg6 headends and endpoints, and a kernel TCP connection (test/support/kernel-captures.ts), built
// live where the running kernel can and read from test/fixtures/kernel/ where it cannot.
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { LAB_PHASES, obtainKernelCaptures, type KernelCaptures } from "../support/kernel-captures.js";
import { describeWith, NEEDS } from "../support/requirements.js";
import { compareWithTshark, report } from "./helpers/differential.js";
import { tempDir } from "./helpers/oracles.js";

describeWith(NEEDS.kernelOracle, "decoder against tshark on kernel captures", () => {
  let captures: KernelCaptures;

  beforeAll(async () => {
    captures = await obtainKernelCaptures(join(tempDir("manycast-kernel-"), "captures"));
  }, 300_000);

  for (const phase of LAB_PHASES) {
    it(`matches tshark on every field of the ${phase} capture`, () => {
      expect(report(compareWithTshark(captures[phase]), `kernel-${phase}`)).toBe("");
    });
  }
});
