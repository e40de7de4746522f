// Describes the machine a benchmark ran on, for RESULTS.md and the JSON output.
import os from "node:os";

/** The checkout, whether the bench runs from bench/ or compiled from dist/bench/ (src/io/checkout.ts). */
export { CHECKOUT as REPO_ROOT } from "../src/io/checkout.js";

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  v8: string;
  date: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    date: new Date().toISOString(),
  };
}
