// The `lab` part of `npm run bench`: connection setup time through M-Anycast with the Linux
// kernel's TCP, from `manycast lab` (src/cli/lab) run as a user runs it: the guide's topology with
// one-way delays 5, 1 and 9 ms, clients making connections one after another (small downloads, so
// the figures are about connections), and in the same run as many connections straight to the
// server M chose, through the same M and edge without selection. Reported: setup p50/p99 through M
// (all; sprayed and selected; steered to a known server), straight, and connections per second.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { labProblem } from "../src/cli/lab/lab.js";

const BIN = fileURLToPath(new URL("../../bin/manycast.js", import.meta.url));
const PREFIX = "mcbench";

interface Stats {
  connections: number;
  established: number;
  p50Ms: number | null;
  p99Ms: number | null;
  meanMs: number | null;
}

export interface LabBenchRow {
  clients: number;
  connectionsPerClient: number;
  bytes: number;
  throughM: Stats;
  sprayed: Stats;
  steered: Stats;
  direct: Stats | null;
  directServer: string | null;
  connectionsPerSecond: number;
  intact: number;
  command: string;
}

export interface LabBenchOptions {
  clients: number;
  connections: number;
  bytes: number;
}

/** Why the lab part cannot run here, or undefined. */
export function labBenchProblem(): string | undefined {
  return labProblem();
}

export function runLabBench(o: LabBenchOptions, log: (line: string) => void): LabBenchRow {
  const args = ["lab", "--json", "--prefix", PREFIX, "--clients", String(o.clients), "--connections", String(o.connections), "--bytes", String(o.bytes)];
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 600_000, maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`manycast ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  const doc = JSON.parse(run.stdout) as {
    intact: number;
    setup: { throughM: Stats; sprayed: Stats; steered: Stats; direct: Stats | null; connectionsPerSecond: number };
    direct: { server: string } | null;
  };
  const row: LabBenchRow = {
    clients: o.clients,
    connectionsPerClient: o.connections,
    bytes: o.bytes,
    ...doc.setup,
    directServer: doc.direct?.server ?? null,
    intact: doc.intact,
    command: `manycast ${args.join(" ")}`,
  };
  for (const line of formatLabRow(row)) log(line);
  return row;
}

export function formatLabRow(r: LabBenchRow): string[] {
  const ms = (v: number | null) => (v === null ? "     -" : v.toFixed(2).padStart(6));
  const line = (label: string, s: Stats | null) =>
    s ? `  ${label.padEnd(34)} p50 ${ms(s.p50Ms)} ms   p99 ${ms(s.p99Ms)} ms   (${s.established} of ${s.connections})` : `  ${label}: -`;
  return [
    line("through M, all", r.throughM),
    line("  sprayed and selected", r.sprayed),
    line("  steered to a known server", r.steered),
    line(`straight to ${r.directServer ?? "-"} (no selection)`, r.direct),
    `  through M: ${r.connectionsPerSecond} connections/s (${r.clients} clients side by side, each ${r.connectionsPerClient} one after another, ${r.bytes} octets each; ${r.intact} intact)`,
  ];
}
