// tshark and scapy as test oracles: found, or the test is skipped (and fails under CI=true).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const TSHARK = "/usr/bin/tshark";
export const PYTHON = "/usr/bin/python3";

export function missingOracles(): string | undefined {
  if (!existsSync(TSHARK)) return `tshark not found at ${TSHARK}`;
  if (!existsSync(PYTHON)) return `python3 not found at ${PYTHON}`;
  const scapy = spawnSync(PYTHON, ["-c", "import scapy.all"], { stdio: "ignore" });
  if (scapy.status !== 0) return "python3-scapy is not installed";
  return undefined;
}

/** Prints `skipped: why` and says whether to skip; under CI a missing oracle is a failure. */
export function skipWithout(why: string | undefined): boolean {
  if (!why) return false;
  if (process.env.CI === "true") throw new Error(`oracle missing under CI: ${why}`);
  console.log(`skipped: ${why}`);
  return true;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function runPython(script: string, args: string[]): void {
  execFileSync(PYTHON, [script, ...args], { stdio: ["ignore", "ignore", "pipe"] });
}

/** `tshark -T fields` for these fields: one array of values (tab-split) per frame. */
export function tsharkFields(pcap: string, fields: readonly string[]): string[][] {
  const args = ["-r", pcap, "-n", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"];
  for (const field of fields) args.push("-e", field);
  const out = execFileSync(TSHARK, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
  return out
    .split("\n")
    .filter((line, index, all) => index < all.length - 1 || line !== "")
    .map((line) => line.split("\t"));
}
