// `manycast simulate`: the M-Anycast guide's topology in virtual time (src/host/simulate), printed
// as a story with the show outputs, or as one JSON document (--json), with an optional pcapng of
// every frame on every link (--pcap).
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { loadEngine } from "../io/engine-file.js";
import { CaptureFileWriter } from "../io/capture-file.js";
import { LINKTYPE_RAW } from "../host/capture/link-types.js";
import { DEFAULT_OPTIONS, ManycastSimulation, type ConnectionReport } from "../host/simulate/manycast-simulation.js";
import { summariseClients, summariseServers } from "../host/simulate/simulation-summary.js";
import { writeStory } from "../host/simulate/story.js";
import { POLICY_NAMES } from "../host/selection/policies.js";
import { manycastState } from "../host/manycast/manycast-state.js";
import type { FlowTable } from "../host/flow/flow-table.js";
import { nonNegativeNumber, numberList, positiveInteger } from "./options.js";
import { UsageError } from "./session.js";

interface SimulateOptions {
  delays: number[];
  loads?: number[];
  clients: number;
  connections: number;
  policy: string;
  wait: number;
  gap: number;
  clientLifetime: number;
  rounds: number;
  idle?: number;
  silent: number[];
  flood?: number;
  flows: number;
  entries: number;
  serviceAffinity?: boolean;
  json?: boolean;
  pcap?: string;
  seed: number;
  debugEngine?: boolean;
}

function policyName(value: string): string {
  if (!POLICY_NAMES.includes(value)) throw new InvalidArgumentError(`'${value}' is not a policy; known: ${POLICY_NAMES.join(", ")}`);
  return value;
}

function writePcap(path: string, sim: ManycastSimulation): number {
  mkdirSync(dirname(path), { recursive: true });
  const writer = CaptureFileWriter.create(path, { linkType: LINKTYPE_RAW, format: "pcapng", precision: "ns" });
  const records = sim.net.log?.captureRecords() ?? [];
  try {
    for (const r of records) writer.write(r);
  } finally {
    writer.close();
  }
  return records.length;
}

export async function runSimulate(opts: SimulateOptions): Promise<void> {
  const servers = opts.delays.length;
  const loads = opts.loads ?? opts.delays.map(() => 50);
  if (loads.length !== servers) throw new UsageError(`--delays names ${servers} servers but --loads ${loads.length}: give one of each per server`);
  if (servers > 9) throw new UsageError("at most 9 servers");
  if (opts.wait <= 0) throw new UsageError("--wait 0 decides before any SYN-ACK can arrive: give at least 1 ms");
  const silent = opts.silent.map((n) => {
    if (!Number.isInteger(n) || n < 1 || n > servers) throw new UsageError(`--silent ${n}: servers are numbered 1..${servers}`);
    return n - 1;
  });
  const build = opts.debugEngine ? "debug" : "release";
  const sim = await ManycastSimulation.create(() => loadEngine(build), opts.clients, {
    delaysMs: opts.delays,
    loads,
    policy: opts.policy,
    waitMs: opts.wait,
    clientLifetimeSeconds: opts.clientLifetime,
    silent,
    seed: opts.seed,
    capture: true,
    flows: opts.flows,
    entries: opts.entries,
    flooder: opts.flood !== undefined,
    serviceAffinity: opts.serviceAffinity ?? false,
  });
  const records = [];
  for (let round = 0; round < opts.rounds; round++) {
    if (round > 0) sim.advance(opts.idle ?? opts.clientLifetime + 1);
    records.push(...sim.runConnections(opts.connections, opts.gap));
  }
  const connections: ConnectionReport[] = sim.report(records);
  if (opts.flood) sim.flood(opts.flood, Math.max(1, opts.flood / 10_000));
  const written = opts.pcap ? writePcap(opts.pcap, sim) : 0;
  if (opts.json) {
    const state = manycastState(sim.m.dataplane);
    const table = (t: FlowTable | undefined) => (t ? { size: t.size, capacity: t.capacity, ...t.counts() } : null);
    const document = {
      topology: {
        anycast: "db06::6",
        clients: sim.clientAddresses,
        servers: sim.serverAddresses.map((server, i) => ({ server, delayMs: opts.delays[i], load: loads[i], silent: silent.includes(i) })),
      },
      policy: opts.policy,
      waitMs: opts.wait,
      serviceAffinity: opts.serviceAffinity ?? false,
      connections,
      clients: summariseClients(connections),
      servers: summariseServers(sim.serverAddresses, connections),
      selection: sim.selection.counters,
      flowTable: table(state.flowTable),
      clientTable: table(state.clientTable),
      flood: sim.flooder ? { syns: sim.flooder.sent } : null,
      pcap: opts.pcap ? { path: opts.pcap, frames: written } : null,
    };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    return;
  }
  writeStory(sim, connections, (line) => process.stdout.write(`${line}\n`));
  if (opts.flood) {
    const state = manycastState(sim.m.dataplane);
    const k = sim.selection.counters;
    process.stdout.write(
      `\nflood: ${sim.flooder!.sent} SYNs from random clients; M's flow table ${state.flowTable!.size} of ${state.flowTable!.capacity} ` +
        `(${JSON.stringify(state.flowTable!.counts())}); ${k.decided} selections decided, selection pool full ${k.createFailed} times\n`,
    );
  }
  if (opts.pcap) process.stdout.write(`\n${written} frames (every link, both directions${opts.flood ? ", the flood left out" : ""}) written to ${opts.pcap}\n`);
}

export function registerSimulateCommand(program: Command): void {
  program
    .command("simulate")
    .description("run the M-Anycast guide's topology (client, M-Anycast server, three server edges and servers) in virtual time")
    .option("--delays <ms,ms,...>", "one-way delay M <-> each server edge, in ms (one per server)", numberList, DEFAULT_OPTIONS.delaysMs)
    .option("--loads <n,n,...>", "load each server edge reports in IOAM app data (default 50 each)", numberList)
    .option("--clients <n>", "clients (db04::1, db04::2, ...)", positiveInteger, 3)
    .option("--connections <n>", "connections per client", positiveInteger, 20)
    .option("--policy <name>", `selection policy: ${POLICY_NAMES.join(", ")}`, policyName, DEFAULT_OPTIONS.policy)
    .option("--wait <ms>", "how long M waits for the SYN-ACKs of a sprayed SYN", nonNegativeNumber, DEFAULT_OPTIONS.waitMs)
    .option("--gap <ms>", "time between a client's connections", nonNegativeNumber, 200)
    .option("--client-lifetime <s>", "seconds a client keeps its server without new connections (0: no client affinity)", nonNegativeNumber, 60)
    .option("--rounds <n>", "rounds of connections, separated by --idle seconds", positiveInteger, 1)
    .option("--idle <s>", "virtual seconds between rounds (default: the client lifetime + 1, so clients are selected again)", nonNegativeNumber)
    .option("--silent <n,...>", "server edges (1-based) whose server never answers", numberList, [])
    .option("--flood <n>", "after the connections, n SYNs from random clients of db04::/64 (10,000 per virtual second)", positiveInteger)
    .option("--flows <n>", "M's flow table size (a power of two)", positiveInteger, DEFAULT_OPTIONS.flows)
    .option("--entries <n>", "M's selection entries (SYNs being selected or lingering; a flood needs many)", positiveInteger, DEFAULT_OPTIONS.entries)
    .option("--service-affinity", "add a client edge that learns the TCP service-affinity option from the servers' FINs and steers later connections past M")
    .option("--json", "print one JSON document instead of the story")
    .option("--pcap <file.pcapng>", "write every frame on every link (raw IPv6, one interface per link direction)")
    .option("--seed <n>", "seed for initial sequence numbers and the flood", positiveInteger, 1)
    .option("--debug-engine", "use the debug (bounds-checked) build of the engine")
    .action(async (opts: SimulateOptions) => runSimulate(opts));
}
