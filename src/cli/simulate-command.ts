// `manycast simulate`: the M-Anycast guide's topology in virtual time (src/host/scenario), printed
// as a story with the show outputs, or as one JSON document (--json), with an optional pcapng of
// every frame on every link (--pcap).
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { loadEngine } from "../io/engine-file.js";
import { CaptureFileWriter } from "../io/capture-file.js";
import { LINKTYPE_RAW } from "../host/capture/link-types.js";
import { CONNECTIONS_PER_CLIENT_MAX, DEFAULT_OPTIONS, ManycastSimulation, type ConnectionReport } from "../host/scenario/manycast-simulation.js";
import { runDocument, tableSummary } from "../host/scenario/run-document.js";
import { writeStory } from "../host/scenario/story.js";
import { POLICY_NAMES } from "../host/selection/policies.js";
import { manycastState } from "../host/manycast/manycast-state.js";
import { UsageError } from "./session.js";
import { boundedInteger, delayList, flowTableSize, loadList, milliseconds, serverList, SIMULATE_LIMITS as L, SIMULATE_LIMITS } from "./simulate-options.js";
import { OutputSet } from "../io/output-file.js";
import { FileProblem } from "../io/file-problems.js";
import { captureRecord, type LoggedFrame } from "../host/simulator/frame-log.js";
import { terminalSafe } from "../host/text/terminal-safe.js";

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

/** The frames of the run, written to --pcap as they go (nothing kept in memory), renamed at the end. */
class PcapOutput {
  frames = 0;
  private readonly writer: CaptureFileWriter;

  constructor(
    readonly path: string,
    private readonly outputs: OutputSet,
  ) {
    this.writer = CaptureFileWriter.onto(outputs.plan(path, "--pcap"), { linkType: LINKTYPE_RAW, format: "pcapng", precision: "ns" });
  }

  write(frame: LoggedFrame): void {
    this.writer.write(captureRecord(frame));
    this.frames++;
  }
}

function checkCombinations(opts: SimulateOptions): { loads: number[]; silent: number[] } {
  const servers = opts.delays.length;
  const loads = opts.loads ?? opts.delays.map(() => 50);
  if (loads.length !== servers) throw new UsageError(`--delays names ${servers} servers but --loads ${loads.length}: give one of each per server`);
  const silent = opts.silent.map((n) => {
    if (n > servers) throw new UsageError(`--silent ${n}: servers are numbered 1..${servers}`);
    return n - 1;
  });
  if (opts.connections * opts.rounds > CONNECTIONS_PER_CLIENT_MAX) {
    throw new UsageError(
      `--connections ${opts.connections} x --rounds ${opts.rounds} is ${opts.connections * opts.rounds} connections per client; a client has ${CONNECTIONS_PER_CLIENT_MAX} ports (40000 to 65535)`,
    );
  }
  const total = opts.clients * opts.connections * opts.rounds;
  if (total > SIMULATE_LIMITS.totalConnections) {
    throw new UsageError(
      `--clients ${opts.clients} x --connections ${opts.connections} x --rounds ${opts.rounds} is ${total} connections; one run makes at most ${SIMULATE_LIMITS.totalConnections}`,
    );
  }
  return { loads, silent };
}

export async function runSimulate(opts: SimulateOptions): Promise<void> {
  const { loads, silent } = checkCombinations(opts);
  const outputs = new OutputSet();
  let pcap: PcapOutput | undefined;
  try {
    pcap = opts.pcap === undefined ? undefined : new PcapOutput(opts.pcap, outputs);
  } catch (err) {
    if (err instanceof FileProblem) throw new UsageError(`${err.message}; nothing was run`);
    throw err;
  }
  const build = opts.debugEngine ? "debug" : "release";
  try {
    outputs.start();
  } catch (err) {
    if (err instanceof FileProblem) throw new UsageError(`${err.message}; nothing was run`);
    throw err;
  }
  try {
    await simulate(opts, loads, silent, build, pcap);
    outputs.commit();
  } catch (err) {
    const kept = outputs.abandon();
    if (kept.length)
      process.stderr.write(
        `manycast simulate: stopped; ${terminalSafe(opts.pcap!)} is unchanged, what was written is in ${kept.map(terminalSafe).join(", ")}\n`,
      );
    throw err;
  }
}

async function simulate(opts: SimulateOptions, loads: number[], silent: number[], build: "debug" | "release", pcap: PcapOutput | undefined): Promise<void> {
  const sim = await ManycastSimulation.create(() => loadEngine(build), opts.clients, {
    delaysMs: opts.delays,
    loads,
    policy: opts.policy,
    waitMs: opts.wait,
    clientLifetimeSeconds: opts.clientLifetime,
    silent,
    seed: opts.seed,
    // Frames go straight to --pcap, never kept: memory per connection stays small.
    capture: false,
    onFrame: pcap ? (frame) => pcap.write(frame) : undefined,
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
  const written = pcap?.frames ?? 0;
  if (opts.json) {
    const state = manycastState(sim.m.dataplane);
    const document = {
      ...runDocument({
        clients: sim.clientAddresses,
        servers: sim.serverAddresses.map((server, i) => ({ server, delayMs: opts.delays[i], load: loads[i], silent: silent.includes(i) })),
        policy: opts.policy,
        waitMs: opts.wait,
        serviceAffinity: opts.serviceAffinity ?? false,
        connections,
        selection: sim.selection.counters,
        flowTable: tableSummary(state.flowTable),
        clientTable: tableSummary(state.clientTable),
      }),
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
  if (opts.pcap)
    process.stdout.write(
      `\n${written} frames (every link, both directions${opts.flood ? ", the flood left out" : ""}) written to ${terminalSafe(opts.pcap)}\n`,
    );
}

export function registerSimulateCommand(program: Command): void {
  program
    .command("simulate")
    .description("run the M-Anycast guide's topology (client, M-Anycast server, three server edges and servers) in virtual time")
    .option(
      "--delays <ms,ms,...>",
      `one-way delay M <-> each server edge, in ms (one per server, 1 to ${L.servers}, each at most ${L.delayMs} ms)`,
      delayList,
      DEFAULT_OPTIONS.delaysMs,
    )
    .option("--loads <n,n,...>", "load each server edge reports in IOAM app data (default 50 each)", loadList)
    .option("--clients <n>", `clients (db04::1, db04::2, ... up to ${L.clients})`, boundedInteger(1, L.clients, "a client count"), 3)
    .option(
      "--connections <n>",
      `connections per client (clients x connections x rounds at most ${L.totalConnections})`,
      boundedInteger(1, L.connections, "a connection count"),
      20,
    )
    .option("--policy <name>", `selection policy: ${POLICY_NAMES.join(", ")}`, policyName, DEFAULT_OPTIONS.policy)
    .option("--wait <ms>", "how long M waits for the SYN-ACKs of a sprayed SYN", milliseconds(L.waitMs, true), DEFAULT_OPTIONS.waitMs)
    .option("--gap <ms>", "time between a client's connections", milliseconds(L.gapMs), 200)
    .option(
      "--client-lifetime <s>",
      "seconds a client keeps its server without new connections (0: no client affinity)",
      boundedInteger(0, L.clientLifetimeSeconds, "a lifetime in seconds"),
      60,
    )
    .option("--rounds <n>", "rounds of connections, separated by --idle seconds", boundedInteger(1, L.rounds, "a round count"), 1)
    .option(
      "--idle <s>",
      "virtual seconds between rounds (default: the client lifetime + 1, so clients are selected again)",
      boundedInteger(0, L.idleSeconds, "a time in seconds"),
    )
    .option("--silent <n,...>", "server edges (1-based) whose server never answers", serverList, [])
    .option(
      "--flood <n>",
      `after the connections, n SYNs from random clients of db04::/64 (10,000 per virtual second, at most ${L.flood})`,
      boundedInteger(1, L.flood, "a SYN count"),
    )
    .option("--flows <n>", "M's flow table size (a power of two)", flowTableSize, DEFAULT_OPTIONS.flows)
    .option(
      "--entries <n>",
      "M's selection entries (SYNs being selected or lingering; a flood needs many)",
      boundedInteger(1, L.entries, "an entry count"),
      DEFAULT_OPTIONS.entries,
    )
    .option("--service-affinity", "add a client edge that learns the TCP service-affinity option from the servers' FINs and steers later connections past M")
    .option("--json", "print one JSON document instead of the story")
    .option("--pcap <file.pcapng>", "write every frame on every link (raw IPv6, one interface per link direction), as FILE.partial until the run ends")
    .option("--seed <n>", "seed for initial sequence numbers and the flood", boundedInteger(0, L.seed, "a seed"), 1)
    .option("--debug-engine", "use the debug (bounds-checked) build of the engine")
    .action(async (opts: SimulateOptions) => runSimulate(opts));
}
