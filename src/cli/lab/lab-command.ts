// `manycast lab [options]` and `manycast lab down`: the M-Anycast guide's topology with unchanged
// Linux clients and servers (src/cli/lab/lab.ts), told as `manycast simulate` tells its runs (the
// story, or with --json the same document and what only a live run has).
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { POLICY_NAMES } from "../../host/selection/policies.js";
import { writeRunStory } from "../../host/scenario/story.js";
import { runDocument } from "../../host/scenario/run-document.js";
import { terminalSafe, terminalSafeLines } from "../../host/text/terminal-safe.js";
import { OutputSet, type OutputFile } from "../../io/output-file.js";
import { FileProblem } from "../../io/file-problems.js";
import { listNamespaces, namespaceProblem } from "../../io/netns.js";
import { UsageError } from "../session.js";
import { boundedInteger, delayList, loadList } from "../simulate-options.js";
import { interruptLab, keptLabGuide, labProblem, LabRefused, PORTS, runLab, writeConfigs, type LabHandle, type LabOptions, type LabResult } from "./lab.js";
import { checkPrefix, DEFAULT_PREFIX, labsUp, readState, takeDown } from "./lab-state.js";
import { LAB_LIMITS, makePlan, planNamespaces } from "./plan.js";

interface LabCommandOptions {
  delays: number[];
  loads?: number[];
  policy: string;
  clients: number;
  connections: number;
  bytes: number;
  serviceAffinity?: boolean;
  killEdge?: number;
  json?: boolean;
  pcap?: string;
  configs?: string;
  keep?: boolean;
  prefix: string;
}

function policyName(value: string): string {
  if (!POLICY_NAMES.includes(value)) throw new InvalidArgumentError(`'${value}' is not a policy; known: ${POLICY_NAMES.join(", ")}`);
  return value;
}

function prefixName(value: string): string {
  const problem = checkPrefix(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}

function log(line: string): void {
  process.stderr.write(`manycast lab: ${line}\n`);
}

function checkCombinations(opts: LabCommandOptions): number[] {
  const servers = opts.delays.length;
  const loads = opts.loads ?? opts.delays.map(() => 50);
  if (loads.length !== servers) throw new UsageError(`--delays names ${servers} servers but --loads ${loads.length}: give one of each per server`);
  if (opts.killEdge !== undefined) {
    if (opts.killEdge > servers) throw new UsageError(`--kill-edge ${opts.killEdge}: the edges are numbered 1..${servers}`);
    if (servers < 2) throw new UsageError("--kill-edge needs a second server for the later connections");
    if (opts.connections < 2) throw new UsageError("--kill-edge stops the edge after half of each client's connections: give --connections 2 or more");
  }
  return loads;
}

function labOptions(opts: LabCommandOptions, loads: number[]): LabOptions {
  return {
    delaysMs: opts.delays,
    loads,
    policy: opts.policy,
    clients: opts.clients,
    connections: opts.connections,
    bytes: opts.bytes,
    serviceAffinity: opts.serviceAffinity ?? false,
    killEdge: opts.killEdge,
    pcap: opts.pcap,
    configs: opts.configs,
    keep: opts.keep ?? false,
    prefix: opts.prefix,
    log,
  };
}

const ms = (v: number | null) => (v === null ? "-" : `${v} ms`);

function statesText(states: Record<string, number>): string {
  const entries = Object.entries(states);
  return entries.length ? entries.map(([s, n]) => `${s} ${n}`).join(", ") : "none";
}

/** What only a live run shows, after the totals. */
function findings(r: LabResult): string[] {
  const o = r.options;
  const lines: string[] = [];
  const intact = r.connections.filter((c) => c.intact).length;
  const answeredByChoice = r.connections.filter((c) => c.server && c.answeredBy === c.server).length;
  lines.push(
    `downloads: ${intact} of ${r.connections.length} intact (${o.bytes} octets each, SHA-256 checked); ${answeredByChoice} answered by the server M chose (the X-Server header)`,
  );
  if (r.killed) {
    const later = r.connections.filter((c) => c.clientPort >= PORTS.throughM + r.killed!.afterConnections);
    const ok = later.filter((c) => c.server);
    const servers = [...new Set(ok.map((c) => c.server))].join(", ") || "none";
    lines.push(
      `--kill-edge ${r.killed.edge}: E${r.killed.edge} (server ${r.killed.server}) stopped after ${r.killed.afterConnections} connections per client; ` +
        `${ok.length} of ${later.length} later connections established, on ${servers}; the slowest took ${ms(Math.max(0, ...later.map((c) => c.establishedMs ?? 0)))}`,
    );
  }
  const s = r.setup;
  const stats = (k: { p50Ms: number | null; p99Ms: number | null; established: number; connections: number }) =>
    `p50 ${ms(k.p50Ms)}, p99 ${ms(k.p99Ms)} (${k.established} of ${k.connections})`;
  lines.push(
    `connection setup (connect() to established, at the client): through M ${stats(s.throughM)}: sprayed and selected ${stats(s.sprayed)}, steered to a known server ${stats(s.steered)}`,
  );
  if (r.direct && s.direct) lines.push(`  straight to ${r.direct.server} ([${r.direct.address}]:80, the same M and edge, no selection): ${stats(s.direct)}`);
  lines.push(
    `through M: ${s.connectionsPerSecond} connections per second (${s.throughM.connections} in ${s.phaseSeconds} s, each with its download and close, ${o.clients} client${o.clients > 1 ? "s" : ""} side by side)`,
  );
  const sockets = r.sockets.map((k) => `${k.server}: db06::6 ${statesText(k.anycast)}, own ${statesText(k.unicast)}`);
  const halfOpen = r.sockets.reduce((n, k) => n + k.halfOpen, 0);
  const orphans = r.sockets.reduce((n, k) => n + k.orphans, 0);
  lines.push(
    `server sockets after the run (ss, on the anycast address and on the server's own, which the warm-up and the direct connections used): ${sockets.join("; ")}; half-open (SYN-RECV) ${halfOpen}, orphaned ${orphans}`,
  );
  lines.push(`the lab: ${planNamespaces(r.plan).length} network namespaces, set up and warmed up in ${(s.labSetupMs / 1000).toFixed(1)} s; kernel ${r.kernel}`);
  if (r.pcap)
    lines.push(`${r.pcap.frames} frames of M's client-facing link (host-${r.plan.mClientInterface}, both directions) written to ${terminalSafe(r.pcap.path)}`);
  return lines;
}

function writeLabStory(r: LabResult): void {
  const o = r.options;
  writeRunStory(
    {
      title: "manycast lab: M-Anycast service selection, the VPP guide's topology live, with the Linux kernel's TCP on unchanged clients and servers",
      clients: r.plan.clients.map((c) => c.address),
      policy: o.policy,
      waitMs: (r.m.waitNs ?? 0) / 1e6,
      clientLifetimeSeconds: r.m.clientLifetimeSeconds ?? 0,
      serviceAffinity: o.serviceAffinity,
      servers: r.plan.servers.map((s) => ({
        address: s.sid,
        delayMs: s.delayMs,
        load: s.load,
        note: r.killed?.edge === s.number ? "its edge stopped partway (--kill-edge)" : undefined,
      })),
      findings: findings(r),
      shows: r.shows,
    },
    r.connections,
    (line) => process.stdout.write(`${line}\n`),
  );
}

function labDocument(r: LabResult) {
  const o = r.options;
  return {
    ...runDocument({
      clients: r.plan.clients.map((c) => c.address),
      servers: r.plan.servers.map((s) => ({ server: s.sid, delayMs: s.delayMs, load: s.load, silent: false })),
      policy: o.policy,
      waitMs: (r.m.waitNs ?? 0) / 1e6,
      serviceAffinity: o.serviceAffinity,
      connections: r.connections,
      selection: r.m.counters,
      flowTable: r.m.flowTable,
      clientTable: r.m.clientTable,
    }),
    bytes: o.bytes,
    intact: r.connections.filter((c) => c.intact).length,
    setup: r.setup,
    direct: r.direct,
    sockets: r.sockets,
    killedEdge: r.killed,
    lab: { prefix: o.prefix, namespaces: planNamespaces(r.plan), kernel: r.kernel, kept: r.kept },
    pcap: r.pcap,
  };
}

async function runLabCommand(opts: LabCommandOptions): Promise<void> {
  const loads = checkCombinations(opts);
  const o = labOptions(opts, loads);
  if (opts.configs) {
    const plan = makePlan({ prefix: o.prefix, delaysMs: o.delaysMs, loads, clients: o.clients, serviceAffinity: o.serviceAffinity });
    const files = writeConfigs(opts.configs, plan, o);
    log(`configs written to ${terminalSafe(opts.configs)}: ${files.join(", ")}`);
  }
  // Refused before any output is started: a lab that cannot run leaves no --pcap behind.
  const problem = labProblem();
  if (problem) throw new UsageError(`cannot run here: ${problem}`);
  const outputs = new OutputSet();
  let pcapOutput: OutputFile | undefined;
  try {
    if (opts.pcap) pcapOutput = outputs.plan(opts.pcap, "--pcap");
    outputs.start();
  } catch (err) {
    if (err instanceof FileProblem) throw new UsageError(`${err.message}; nothing was run`);
    throw err;
  }
  const interrupted: { lab?: LabHandle } = {};
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130); // the exit handler removes what is left
    stopping = true;
    log(`${signal}: ${o.keep ? "leaving the lab up (--keep)" : "removing the lab"}`);
    outputs.abandon();
    void interruptLab(interrupted, o.keep).finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);
  let result: LabResult;
  try {
    result = await runLab(o, outputs, pcapOutput, interrupted);
  } catch (err) {
    outputs.abandon();
    if (err instanceof LabRefused) throw new UsageError(err.message);
    // The engines' and servers' logs come with a failure: shown whole here, the error line stays short.
    const [first, ...rest] = (err as Error).message.split("\n");
    if (rest.length) process.stderr.write(`${terminalSafeLines(rest.join("\n"))}\n`);
    throw new Error(first);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("SIGHUP", onSignal);
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(labDocument(result), null, 2)}\n`);
  else writeLabStory(result);
  if (result.kept) for (const line of keptLabGuide(result.plan, readState(o.prefix), o.prefix)) process.stderr.write(`${line}\n`);
  const failed = result.connections.filter((c) => !c.intact).length;
  if (failed > 0) {
    log(`${failed} connection${failed > 1 ? "s" : ""} through M failed or did not deliver the whole body intact`);
    process.exitCode = 1;
  }
}

async function labDown(opts: { prefix: string; all?: boolean }): Promise<void> {
  const problem = namespaceProblem();
  if (problem) throw new UsageError(`cannot run here: ${problem}`);
  const up = labsUp();
  const prefixes = opts.all ? up : [opts.prefix];
  if (opts.all && up.length === 0) log("no lab is up");
  if (!opts.all && !up.includes(opts.prefix) && listNamespaces(`${opts.prefix}-`).length === 0) {
    const others = up.length ? `; up: ${up.join(", ")} (--prefix NAME, or --all)` : "";
    log(`no lab '${opts.prefix}' is up${others}`);
    return;
  }
  for (const prefix of prefixes) {
    const done = await takeDown(prefix);
    log(`lab '${prefix}' removed: ${done.processes} processes stopped, ${done.namespaces} network namespaces deleted`);
  }
}

export function registerLabCommand(program: Command): void {
  const lab = program
    .command("lab")
    .description(
      "run the M-Anycast guide's topology live in network namespaces: manycast run as M and the server edges, the kernel's TCP on clients and servers (root)",
    )
    .option("--delays <ms,ms,...>", `one-way delay M <-> each server edge, in ms (one per server, 1 to ${LAB_LIMITS.servers})`, delayList, [5, 1, 9])
    .option("--loads <n,n,...>", "load each server edge reports in its IOAM app data (default 50 each)", loadList)
    .option("--policy <name>", `selection policy: ${POLICY_NAMES.join(", ")}`, policyName, "oneway")
    .option("--clients <n>", `client hosts (db04::1, db04::2, ...), each its own namespace`, boundedInteger(1, LAB_LIMITS.clients, "a client count"), 3)
    .option("--connections <n>", "connections per client, one after another", boundedInteger(1, LAB_LIMITS.connections, "a connection count"), 10)
    .option("--bytes <n>", "octets each connection downloads (checked by SHA-256)", boundedInteger(0, LAB_LIMITS.bytes, "an octet count"), 100_000)
    .option(
      "--service-affinity",
      "add a client edge that learns the TCP service-affinity option from the servers' FINs and steers each client's later connections past M",
    )
    .option("--kill-edge <n>", "stop server edge n after half of each client's connections", boundedInteger(1, LAB_LIMITS.servers, "an edge number"))
    .option("--json", "print one JSON document instead of the story")
    .option("--pcap <file.pcapng>", "write M's client-facing link (both directions, interfaces named) as pcapng")
    .option("--configs <dir>", "write the engines' configs (the guide's, with the lab's interfaces, addresses and routes) into DIR")
    .option("--keep", "leave the lab up when the run ends (manycast lab down removes it)")
    .option(
      "--prefix <name>",
      "the names of the lab's namespaces (PREFIX-m, PREFIX-e1, ...) and its directory under /run/manycast/lab",
      prefixName,
      DEFAULT_PREFIX,
    )
    .action(async (opts: LabCommandOptions) => runLabCommand(opts));
  lab
    .command("down")
    .description("remove a lab left up with --keep (or by a lab that was killed): its engines, servers and namespaces")
    .option("--prefix <name>", `the lab to remove (default: ${DEFAULT_PREFIX})`, prefixName)
    .option("--all", "remove every lab that is up (each under /run/manycast/lab)")
    // `lab` has a --prefix of its own, which commander may hand the option to.
    .action(async (opts: { prefix?: string; all?: boolean }, command: Command) =>
      labDown({ prefix: opts.prefix ?? (command.parent?.opts().prefix as string | undefined) ?? DEFAULT_PREFIX, all: opts.all }),
    );
}
