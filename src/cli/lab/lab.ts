// `manycast lab`: the M-Anycast guide's topology with the Linux kernel's TCP on unchanged clients
// and servers, live: namespaces and veth links (lab-network.ts), M and the server edges (and the
// client edge) as `manycast run` processes on host interfaces with the guide's configs
// (configs.ts), HTTP servers and clients on kernel sockets (http-server.ts, http-client.ts). The run:
// a warm-up (every client reaches every server directly, so neighbours are known), the connections
// through M (with --kill-edge, half of them, the edge stopped, the rest), the same number straight to
// the server M chose for comparison, then what the servers received, their sockets and M's
// selections are read back and told as `manycast simulate` tells its runs.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { inCheckout } from "../../io/checkout.js";
import { loadAfPacket } from "../../io/afpacket.js";
import { deleteNamespace, execCommand, listNamespaces, namespaceProblem } from "../../io/netns.js";
import { OutputSet, type OutputFile } from "../../io/output-file.js";
import { ctlOutput } from "../run/ctl-connection.js";
import { reportConnection, type ConnectionReport, type SelectionFacts, type ServerArrival } from "../../host/scenario/connection-report.js";
import { labBody, sha256 } from "./payload.js";
import { makePlan, planNamespaces, ANYCAST, SERVICE_PORT, type LabPlan, type ServerPlan } from "./plan.js";
import { labConfigs } from "./configs.js";
import { buildNetwork } from "./lab-network.js";
import { checkPrefix, labDirectory, newState, readState, saveState, takeDown, type LabState } from "./lab-state.js";
import { isLabProcess, killNow, logTail, realtimePrefix, startDetached, stopProcess, waitForLog, type LabProcess } from "./processes.js";
import { LabClient, type ClientConnection } from "./lab-clients.js";
import {
  connectionId,
  selectionsByConnection,
  serverArrivals,
  setupStatistics,
  socketStates,
  type MSelectionState,
  type SetupStatistics,
  type SocketStates,
} from "./lab-observations.js";

export interface LabOptions {
  delaysMs: number[];
  loads: number[];
  policy: string;
  clients: number;
  connections: number;
  bytes: number;
  serviceAffinity: boolean;
  /** 1-based edge to stop after half of each client's connections. */
  killEdge?: number;
  pcap?: string;
  configs?: string;
  keep: boolean;
  prefix: string;
  /** Progress, to stderr. */
  log: (line: string) => void;
}

/** Everything a finished lab run found, for the story and the JSON document. */
export interface LabResult {
  plan: LabPlan;
  options: LabOptions;
  connections: (ConnectionReport & { bytes: number; intact: boolean; answeredBy: string | null })[];
  direct: { server: string; address: string; connections: ClientConnection[] } | null;
  setup: {
    /** Every connection through M; those M sprayed and selected (they wait for every server's answer or the wait); those steered to a known server. */
    throughM: SetupStatistics;
    sprayed: SetupStatistics;
    steered: SetupStatistics;
    /** Straight to one server's own address, through the same M and edge. */
    direct: SetupStatistics | null;
    connectionsPerSecond: number;
    phaseSeconds: number;
    labSetupMs: number;
  };
  sockets: SocketStates[];
  m: MSelectionState;
  shows: { node: string; command: string; output: string }[];
  pcap: { path: string; frames: number } | null;
  killed: { edge: number; server: string; afterConnections: number } | null;
  kernel: string;
  kept: boolean;
}

const BIN = () => inCheckout("bin/manycast.js");
// Long enough for the slowest step on a loaded machine (a second SYN after a lost one is due at 1 s,
// the third at 3 s); bounded so a broken lab ends instead of waiting on the kernel's two minutes.
const CONNECT_TIMEOUT_MS = 10_000;
const CONNECTION_TIMEOUT_MS = 60_000;
const ENGINE_START_MS = 60_000;
/** The clients' first local ports: each connection its own port from these up. */
export const PORTS = { warmUp: 39000, throughM: 40000, direct: 50000 };
// The clients start this far apart: their first connections are sprayed, and a burst of sprays at
// one instant on a small machine would make M's timers late and blur the delays it measures.
const STAGGER_MS = 25;
// After the last connection: the servers' last FINs are answered, TIME-WAIT is reached.
const SETTLE_MS = 300;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class LabRefused extends Error {}

/** Writes the configs the lab would run into `dir` (made if missing); returns the file names. */
export function writeConfigs(dir: string, plan: LabPlan, o: Pick<LabOptions, "policy" | "serviceAffinity">): string[] {
  mkdirSync(dir, { recursive: true });
  const files = labConfigs(plan, o);
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return [...files.keys()];
}

/** Why the lab cannot run here, or undefined. */
export function labProblem(): string | undefined {
  const ns = namespaceProblem();
  if (ns) return ns;
  const addon = loadAfPacket();
  return addon.addon ? undefined : `the engines cannot open live interfaces: ${addon.why}`;
}

/** What an interrupted run needs of its lab. */
export interface LabHandle {
  keep(): Promise<void>;
  remove(): Promise<void>;
}

class Lab implements LabHandle {
  readonly plan: LabPlan;
  readonly state: LabState;
  private readonly children: ChildProcess[] = [];
  private readonly clients: LabClient[] = [];
  private readonly pcapFiles: string[] = [];
  /** The removal under way (a Ctrl-C during an error's removal waits for the same one). */
  private removing: Promise<void> | undefined;
  /** Nothing is left for the exit handler: removed, or kept on purpose. */
  private settled = false;
  private readonly exitHandler = () => this.removeNow();

  constructor(readonly o: LabOptions) {
    this.plan = makePlan({ prefix: o.prefix, delaysMs: o.delaysMs, loads: o.loads, clients: o.clients, serviceAffinity: o.serviceAffinity });
    this.state = newState(o.prefix);
    process.on("exit", this.exitHandler);
  }

  get dir(): string {
    return this.state.dir;
  }

  private remember(p: LabProcess, child?: ChildProcess): void {
    if (this.removing) {
      // Started while the lab is being removed (Ctrl-C as it was built): this one goes too.
      child?.kill("SIGKILL");
      throw new Error("the lab is being removed");
    }
    this.state.processes.push(p);
    if (child) this.children.push(child);
    saveState(this.state);
  }

  private startEngine(node: string, ns: string, config: string): { process: LabProcess; child: ChildProcess } {
    const socket = join(this.dir, `${node.toLowerCase()}.sock`);
    const { process: p, child } = startDetached(
      node,
      ns,
      [...realtimePrefix(), process.execPath, BIN(), "run", "-c", join(this.dir, config), "--cli-listen", socket],
      join(this.dir, `${node.toLowerCase()}.log`),
    );
    this.state.sockets[node] = socket;
    this.remember(p, child);
    return { process: p, child };
  }

  async build(): Promise<void> {
    this.o.log(`building the topology: ${planNamespaces(this.plan).length} network namespaces (${this.o.prefix}-*)`);
    buildNetwork(this.plan, this.state);
    writeConfigs(this.dir, this.plan, this.o);
    const engines = [
      this.startEngine("M", this.plan.mNs, "m.conf"),
      ...this.plan.servers.map((s) => this.startEngine(`E${s.number}`, s.edgeNs, `e${s.number}.conf`)),
    ];
    if (this.plan.ceNs) engines.push(this.startEngine("CE", this.plan.ceNs, "ce.conf"));
    this.o.log(`starting ${engines.length} engines (manycast run: ${engines.map((e) => e.process.role).join(", ")})`);
    await Promise.all(engines.map((e) => waitForLog(e.process, e.child, /forwarding \(/, ENGINE_START_MS)));
    // Each edge captures what it sends its server: which connection's segments reached which server.
    for (const s of this.plan.servers) {
      const file = `${this.o.prefix}-e${s.number}-to-server.pcapng`;
      this.pcapFiles.push(join("/tmp", file));
      await this.ctl(`E${s.number}`, `pcap trace tx max 10000000 intfc host-${s.edgeToServer} file ${file}`);
    }
    if (this.o.pcap) {
      const file = `${this.o.prefix}-m-clients.pcapng`;
      this.pcapFiles.push(join("/tmp", file));
      await this.ctl("M", `pcap trace rx tx max 10000000 intfc host-${this.plan.mClientInterface} file ${file}`);
    }
    const servers = this.plan.servers.map((s) => {
      const { process: p, child } = startDetached(
        `server ${s.sid}`,
        s.serverNs,
        [process.execPath, inCheckout("dist/src/cli/lab/http-server.js"), s.sid, String(this.o.bytes), String(SERVICE_PORT), this.dir],
        join(this.dir, `s${s.number}.log`),
      );
      this.remember(p, child);
      return { process: p, child };
    });
    await Promise.all(servers.map((s) => waitForLog(s.process, s.child, /listening on/, 30_000)));
    for (const c of this.plan.clients) {
      const client = LabClient.start(c, this.dir);
      this.clients.push(client);
      this.remember(client.process, client.child);
    }
  }

  ctl(node: string, line: string): Promise<string> {
    return ctlOutput(this.state.sockets[node], line);
  }

  private job(host: string, count: number, firstPort: number, direct: boolean, sha: string, stagger = false) {
    return (client: LabClient, k: number) =>
      client.connect({
        startDelayMs: stagger ? k * STAGGER_MS : 0,
        host,
        port: SERVICE_PORT,
        count,
        firstPort,
        localAddress: direct ? client.plan.direct : client.plan.address,
        bytes: this.o.bytes,
        sha256: sha,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
        timeoutMs: CONNECTION_TIMEOUT_MS,
      });
  }

  /** Every client reaches every server straight (not through the anycast service): neighbours learned, paths proven. */
  async warmUp(sha: string): Promise<void> {
    this.o.log("warming up: each client connects to each server's own address once (neighbour discovery on every link)");
    for (const s of this.plan.servers) {
      const results = (await Promise.all(this.clients.map(this.job(s.unicast, 1, PORTS.warmUp + s.number, true, sha)))).flat();
      const failed = results.find((r) => r.state !== "closed");
      if (failed)
        throw new Error(
          `warm-up: client ${failed.localAddress} could not fetch from server ${s.sid} at [${s.unicast}]:${SERVICE_PORT}: ${failed.error}\n${this.diagnosis()}`,
        );
    }
  }

  private diagnosis(): string {
    return this.state.processes
      .filter((p) => p.log)
      .map((p) => `--- ${p.role} (${p.ns}${isLabProcess(p.pid, this.dir) ? "" : ", exited"}):\n${logTail(p)}`)
      .join("\n");
  }

  /** Connections through M: each client `connections`, one after another, clients side by side. */
  async throughM(sha: string): Promise<{ results: ClientConnection[]; seconds: number; killed: LabResult["killed"] }> {
    const total = this.o.connections;
    const first = this.o.killEdge ? Math.ceil(total / 2) : total;
    this.o.log(`connections through M: ${this.clients.length} clients x ${total} to [${ANYCAST}]:${SERVICE_PORT}, ${this.o.bytes} octets each`);
    const started = process.hrtime.bigint();
    const results = (await Promise.all(this.clients.map(this.job(ANYCAST, first, PORTS.throughM, false, sha, true)))).flat();
    let seconds = Number(process.hrtime.bigint() - started) / 1e9;
    let killed: LabResult["killed"] = null;
    if (this.o.killEdge) {
      const s = this.plan.servers[this.o.killEdge - 1];
      const edge = this.state.processes.find((p) => p.role === `E${s.number}`)!;
      // Between connections: the last ones' closing segments still cross the edge first.
      await sleep(SETTLE_MS);
      this.o.log(`stopping edge E${s.number} (server ${s.sid}) after ${first} connections per client`);
      await stopProcess(edge.pid, this.dir, "SIGTERM");
      killed = { edge: s.number, server: s.sid, afterConnections: first };
      if (total > first) {
        const again = process.hrtime.bigint();
        results.push(...(await Promise.all(this.clients.map(this.job(ANYCAST, total - first, PORTS.throughM + first, false, sha)))).flat());
        seconds += Number(process.hrtime.bigint() - again) / 1e9;
      }
    }
    return { results, seconds, killed };
  }

  /** The same number of connections straight to one server's own address, through the same M and edge, no selection. */
  async direct(server: ServerPlan, sha: string): Promise<ClientConnection[]> {
    this.o.log(
      `direct connections for comparison: ${this.clients.length} clients x ${this.o.connections} to server ${server.sid} at [${server.unicast}]:${SERVICE_PORT}`,
    );
    return (await Promise.all(this.clients.map(this.job(server.unicast, this.o.connections, PORTS.direct, true, sha)))).flat();
  }

  aliveEdges(killed: number | undefined): ServerPlan[] {
    return this.plan.servers.filter((s) => s.number !== killed);
  }

  /** Ends the captures (an edge that was stopped finished its own) and reads what each server received. */
  async arrivals(killed: number | undefined): Promise<Map<string, ServerArrival[]>> {
    const byConnection = new Map<string, ServerArrival[]>();
    for (const s of this.plan.servers) {
      if (s.number !== killed) await this.ctl(`E${s.number}`, "pcap trace off");
      const file = join("/tmp", `${this.o.prefix}-e${s.number}-to-server.pcapng`);
      if (existsSync(file)) serverArrivals(file, s.sid, byConnection);
    }
    for (const list of byConnection.values()) list.sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0));
    return byConnection;
  }

  /** M's capture of its client-facing link, copied to --pcap. */
  async finishPcap(output: OutputFile | undefined): Promise<LabResult["pcap"]> {
    if (!output || !this.o.pcap) return null;
    const summary = await this.ctl("M", "pcap trace off");
    const file = join("/tmp", `${this.o.prefix}-m-clients.pcapng`);
    output.write(readFileSync(file));
    const frames = /Wrote (\d+) packets/.exec(summary);
    return { path: this.o.pcap, frames: frames ? Number(frames[1]) : 0 };
  }

  async shows(killed: number | undefined): Promise<LabResult["shows"]> {
    const shows: LabResult["shows"] = [];
    const add = async (node: string, command: string) => shows.push({ node, command, output: await this.ctl(node, command) });
    await add("M", "show ioam ip6 sr-tunnel-select");
    await add("M", "show errors");
    if (this.plan.ceNs) await add("CE", "show tcp service-affinity");
    for (const s of this.plan.servers) {
      if (s.number === killed) shows.push({ node: `E${s.number}`, command: "show errors", output: "(stopped by --kill-edge)" });
      else await add(`E${s.number}`, "show errors");
    }
    return shows;
  }

  /**
   * Leaves the lab up (--keep): the engines and servers go on without this process; the clients
   * and the lab's own captures (the edges', M's for --pcap, already read) end.
   */
  async keep(): Promise<void> {
    for (const client of this.clients) client.close();
    for (const node of Object.keys(this.state.sockets)) await this.ctl(node, "pcap trace off").catch(() => undefined);
    for (const file of this.pcapFiles) rmSync(file, { force: true });
    this.state.processes = this.state.processes.filter((p) => !p.role.startsWith("client "));
    this.state.kept = true;
    saveState(this.state);
    for (const child of this.children) child.unref();
    process.off("exit", this.exitHandler);
    this.settled = true;
  }

  /** Stops every process and removes the namespaces, the captures and the lab's directory. */
  remove(): Promise<void> {
    this.removing ??= (async () => {
      for (const client of this.clients) client.close();
      await takeDown(this.o.prefix);
      // A child started just before (not yet exec'd: /proc showed this process's command line) escaped
      // takeDown's check; this process knows its own children.
      for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      for (const file of this.pcapFiles) rmSync(file, { force: true });
      this.settled = true;
      process.off("exit", this.exitHandler);
    })();
    return this.removing;
  }

  /**
   * The synchronous last resort when the process exits before remove() finished (an uncaught error,
   * a second Ctrl-C): what is still the lab's is killed and deleted (each step is idempotent).
   */
  private removeNow(): void {
    if (this.settled) return;
    this.settled = true;
    killNow(
      this.state.processes.map((p) => p.pid),
      this.dir,
    );
    for (const child of this.children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    for (const ns of [...this.state.namespaces].reverse()) deleteNamespace(ns);
    for (const file of this.pcapFiles) rmSync(file, { force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A lab already up under this prefix: refused, unless only its leftovers remain (then cleaned). */
async function claimPrefix(prefix: string, log: (line: string) => void): Promise<void> {
  const state = readState(prefix);
  const alive = state?.processes.some((p) => isLabProcess(p.pid, labDirectory(prefix))) ?? false;
  if (state?.kept || alive)
    throw new LabRefused(
      `a lab '${prefix}' is up (${state?.kept ? "kept" : "running"}): 'manycast lab down${prefix === "mclab" ? "" : ` --prefix ${prefix}`}' removes it`,
    );
  if (state || listNamespaces(`${prefix}-`).length > 0) {
    log(`removing what an earlier lab '${prefix}' left behind`);
    await takeDown(prefix);
  }
}

/** Servers by how many connections M forwarded to them, most first. */
function mostChosen(selections: Map<string, SelectionFacts>): string[] {
  const counts = new Map<string, number>();
  for (const s of selections.values()) if (s.forwardedTo) counts.set(s.forwardedTo, (counts.get(s.forwardedTo) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([server]) => server);
}

export async function runLab(o: LabOptions, outputs: OutputSet, pcapOutput: OutputFile | undefined, interrupted: { lab?: LabHandle }): Promise<LabResult> {
  const problem = checkPrefix(o.prefix) ?? labProblem();
  if (problem) throw new LabRefused(`cannot run here: ${problem}`);
  await claimPrefix(o.prefix, o.log);
  const began = process.hrtime.bigint();
  const lab = new Lab(o);
  interrupted.lab = lab;
  try {
    await lab.build();
    const body = labBody(o.bytes);
    const sha = sha256(body);
    await lab.warmUp(sha);
    const labSetupMs = Number(process.hrtime.bigint() - began) / 1e6;
    const through = await lab.throughM(sha);
    const m = JSON.parse(await lab.ctl("M", "show ioam ip6 sr-tunnel-select json")) as MSelectionState;
    const killed = o.killEdge;
    const selections = selectionsByConnection(m);
    const reportsOf = (arrivals: Map<string, ServerArrival[]>) =>
      through.results.map((r) => {
        const id = connectionId(r.localAddress, r.localPort);
        const segments = arrivals.get(id) ?? [];
        const packets: Record<string, number> = {};
        for (const a of segments) packets[a.server] = (packets[a.server] ?? 0) + 1;
        return {
          ...reportConnection({
            client: r.localAddress,
            clientPort: r.localPort,
            state: r.state === "closed" ? "closed" : `failed: ${r.error}`,
            establishedMs: r.setupMs === null ? null : Math.round(r.setupMs * 1000) / 1000,
            selection: selections.get(id),
            packets,
            arrivals: segments,
          }),
          bytes: r.bytes,
          intact: r.intact,
          answeredBy: r.server,
        };
      });
    // The comparison goes to the server M chose most (one still up).
    const alive = lab.aliveEdges(killed);
    const favourite = mostChosen(selections).find((server) => alive.some((s) => s.sid === server));
    const target = alive.find((s) => s.sid === favourite) ?? alive[0];
    const direct = target ? await lab.direct(target, sha) : null;
    await sleep(SETTLE_MS);
    const connections = reportsOf(await lab.arrivals(killed));
    const sockets = lab.plan.servers.map((s) => socketStates(s.serverNs, s.sid, s.unicast));
    const shows = await lab.shows(killed);
    const pcap = await lab.finishPcap(pcapOutput);
    const kernel = execCommand(["uname", "-r"], { check: false }).stdout.trim();
    const result: LabResult = {
      plan: lab.plan,
      options: o,
      connections,
      direct: target && direct ? { server: target.sid, address: target.unicast, connections: direct } : null,
      setup: {
        throughM: setupStatistics(connections.map((c) => c.establishedMs)),
        sprayed: setupStatistics(connections.filter((c) => !c.steered).map((c) => c.establishedMs)),
        steered: setupStatistics(connections.filter((c) => c.steered).map((c) => c.establishedMs)),
        direct: direct ? setupStatistics(direct.map((r) => r.setupMs)) : null,
        connectionsPerSecond: through.seconds > 0 ? Math.round((through.results.filter((r) => r.state === "closed").length / through.seconds) * 10) / 10 : 0,
        phaseSeconds: Math.round(through.seconds * 1000) / 1000,
        labSetupMs: Math.round(labSetupMs),
      },
      sockets,
      m,
      shows,
      pcap,
      killed: through.killed,
      kernel,
      kept: o.keep,
    };
    if (o.keep) await lab.keep();
    else await lab.remove();
    outputs.commit();
    return result;
  } catch (err) {
    if (o.keep) await lab.keep();
    else await lab.remove();
    throw err;
  }
}

/** Ctrl-C (or SIGTERM) while a lab runs: the lab is removed (or kept, with --keep) before the exit. */
export async function interruptLab(interrupted: { lab?: LabHandle }, keep: boolean): Promise<void> {
  const lab = interrupted.lab;
  if (!lab) return;
  if (keep) await lab.keep();
  else await lab.remove();
}

/** How to reach a kept lab's hosts and engines. */
export function keptLabGuide(plan: LabPlan, state: { sockets: Record<string, string> } | undefined, prefix: string): string[] {
  const sockets = state?.sockets ?? {};
  const lines = [`The lab is up (kept). Enter a namespace with 'ip netns exec NAME COMMAND', e.g.:`];
  for (const c of plan.clients) lines.push(`  ip netns exec ${c.ns} curl -sg -D - -o /dev/null 'http://[${ANYCAST}]/'     # client ${c.address}`);
  lines.push(`  ip netns exec ${plan.mNs} bash     # M; its CLI: manycast ctl -s ${sockets.M ?? "?"} show ioam ip6 sr-tunnel-select`);
  for (const s of plan.servers) {
    lines.push(`  ip netns exec ${s.edgeNs} bash     # E${s.number}; its CLI: manycast ctl -s ${sockets[`E${s.number}`] ?? "?"} show errors`);
    lines.push(`  ip netns exec ${s.serverNs} ss -tan     # server ${s.sid} (${s.unicast})`);
  }
  if (plan.ceNs) lines.push(`  ip netns exec ${plan.ceNs} bash     # CE; its CLI: manycast ctl -s ${sockets.CE ?? "?"} show tcp service-affinity`);
  lines.push(`'manycast lab down${prefix === "mclab" ? "" : ` --prefix ${prefix}`}' stops the engines and servers and removes the namespaces.`);
  return lines;
}
