// Builds the scapy oracle captures (test/fixtures/scapy_traffic.py and scapy_malformed.py).
// Both are deterministic: same bytes on every run (fixed timestamps, no randomness).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SYSTEM_PYTHON } from "./environment.js";
import { FIXTURES } from "./repo.js";

export const SCAPY_TRAFFIC_SCRIPT = join(FIXTURES, "scapy_traffic.py");
export const SCAPY_MALFORMED_SCRIPT = join(FIXTURES, "scapy_malformed.py");

export interface ScapyCapture {
  /** The pcap (classic pcap, Ethernet link type). */
  file: string;
  /** Frame number (1-based, as tshark counts) -> description; for the malformed file, what is wrong. */
  index: Record<string, string>;
}

/** Runs one fixture script: SYSTEM_PYTHON SCRIPT OUT.pcap (writes OUT.pcap and OUT.pcap.json). */
export function runScapyScript(script: string, out: string): ScapyCapture {
  execFileSync(SYSTEM_PYTHON, [script, out], { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 });
  const index = JSON.parse(readFileSync(`${out}.json`, "utf8")) as Record<string, string>;
  return { file: out, index };
}

export function buildScapyCaptures(outDir: string): { traffic: ScapyCapture; malformed: ScapyCapture } {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  return {
    traffic: runScapyScript(SCAPY_TRAFFIC_SCRIPT, join(dir, "scapy_traffic.pcap")),
    malformed: runScapyScript(SCAPY_MALFORMED_SCRIPT, join(dir, "scapy_malformed.pcap")),
  };
}

/** Frame numbers whose description matches re (e.g. /^IOAM/). */
export function framesMatching(cap: ScapyCapture, re: RegExp): number[] {
  return Object.entries(cap.index)
    .filter(([, what]) => re.test(what))
    .map(([n]) => Number(n));
}
