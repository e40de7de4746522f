// Our `-T fields` output against tshark 4.0's, byte for byte, frame by frame, for every field we
// share with tshark, over captures built with scapy: ours, and the shared corpora when present.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compareWithTshark, report } from "./helpers/differential.js";
import { missingOracles, runPython, skipWithout, tempDir } from "./helpers/oracles.js";

const GENERATOR = join(import.meta.dirname, "fixtures", "make_varied_pcaps.py");
const skip = skipWithout(missingOracles());

describe.skipIf(skip)("differential against tshark 4.0", () => {
  let dir = "";
  let manifest: Record<string, string[]> = {};

  beforeAll(() => {
    dir = tempDir("manycast-decode-");
    runPython(GENERATOR, [dir]);
    manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  });

  for (const capture of ["eth.pcap", "raw.pcap", "sll.pcap", "sll2.pcap"]) {
    it(`matches tshark on every field of ${capture}`, () => {
      expect(report(compareWithTshark(join(dir, capture), manifest[capture] ?? []), capture)).toBe("");
    });
  }

  // The shared scapy corpora (test/fixtures): compared whenever they are in the tree.
  for (const script of ["scapy_traffic.py", "scapy_malformed.py"]) {
    const path = join(import.meta.dirname, "..", "fixtures", script);
    it.skipIf(!existsSync(path))(`matches tshark on every field of ${script}'s capture`, () => {
      const pcap = join(dir, script.replace(/\.py$/, ".pcap"));
      runPython(path, [pcap]);
      const index = JSON.parse(readFileSync(`${pcap}.json`, "utf8")) as Record<string, string>;
      const names = Object.keys(index).map((n) => index[n] ?? "");
      expect(report(compareWithTshark(pcap, names), script)).toBe("");
    });
  }
});
