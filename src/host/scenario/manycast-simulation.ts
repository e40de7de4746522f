// `manycast simulate`: the M-Anycast guide's topology as real engines on simulated links, in
// virtual time: clients (one TCP host with an address per client) -- M -- E_i -- S_i, where every
// server S_i answers on the anycast address. Clients make connections; M sprays their SYNs,
// measures the SYN-ACKs' IOAM traces, picks one with its policy and keeps the client there.
// Everything needed to judge a run (which server each connection got, what was measured, which
// packets reached which server) is read back from the hosts, the engines and the frame log.
import type { WasmEngine } from "../engine/wasm-engine.js";
import type { FrameListener, FrameLog } from "../simulator/frame-log.js";
import {
  SimNetwork,
  TcpHost,
  NS_PER_MILLISECOND,
  NS_PER_SECOND,
  connectionKey,
  parseSegment,
  type ConnectionRecord,
  type SimEngineNode,
} from "../simulator/index.js";
import { selectionService } from "../manycast/selection-registry.js";
import type { SelectionRecord, SelectionService } from "../manycast/selection-service.js";
import { ANYCAST, CLIENT_PREFIX, SERVICE_PORT, clientEdgeConfig, edgeConfig, mConfig, type EdgeOptions, type TunnelSelectOptions } from "./topology-config.js";
import { SynFlooder } from "./syn-flood.js";
import { formatIp6, parseIp6 } from "../format/ip6-address.js";
import { TCP_FLAG_RST } from "../../../assembly/wire/tcp.layout.js";
import { reportConnection, type ConnectionReport, type ServerArrival } from "./connection-report.js";

export type { ConnectionReport };

export const DEFAULT_SERVERS = ["db07::1", "db08::1", "db09::1"];
/** Each client's connections come from its own ports, 40000 up: at most this many per client in a run. */
export const FIRST_CLIENT_PORT = 40000;
export const LAST_CLIENT_PORT = 65535;
export const CONNECTIONS_PER_CLIENT_MAX = LAST_CLIENT_PORT - FIRST_CLIENT_PORT + 1;

export interface SimulationOptions {
  delaysMs: number[];
  loads: number[];
  policy: string;
  waitMs: number;
  clientLifetimeSeconds: number;
  clientPrefixLength: number;
  /** Edge indices (0-based) whose server never answers (a silent server edge). */
  silent: number[];
  seed: number;
  /**
   * true: keep every frame (sim.net.log.frames); "pass": keep none, hand each to `onFrame` (a
   * capture written as the run goes), so memory does not grow with the run; false: neither.
   */
  capture: boolean | "pass";
  /** Sees every frame on every link as it is sent (the flood's left out). */
  onFrame?: FrameListener;
  flows: number;
  entries: number;
  requestBytes: number;
  responseBytes: number;
  /** Attach a SYN flooder to M (interface 'flood'), for flood(). */
  flooder: boolean;
  /**
   * The TCP service-affinity option: a client edge CE between the clients and M, and the server
   * edges putting their SID into the servers' FINs; a client's later connections then go from CE
   * straight to its server, past M.
   */
  serviceAffinity: boolean;
}

export const DEFAULT_OPTIONS: SimulationOptions = {
  delaysMs: [5, 1, 9],
  loads: [50, 50, 50],
  policy: "oneway",
  waitMs: 100,
  clientLifetimeSeconds: 60,
  clientPrefixLength: 128,
  silent: [],
  seed: 1,
  capture: true,
  flows: 65536,
  entries: 4096,
  requestBytes: 200,
  responseBytes: 2000,
  flooder: false,
  serviceAffinity: false,
};

export class ManycastSimulation {
  readonly net: SimNetwork;
  /** Segments that reached each server, by connection key: a tally made as frames pass, not a log of them. */
  private readonly arrivals = new Map<string, ServerArrival[]>();
  readonly m: SimEngineNode;
  readonly edges: SimEngineNode[] = [];
  readonly servers: TcpHost[] = [];
  readonly clients: TcpHost;
  readonly startNs: bigint;
  private readonly nextClientPort = new Map<string, number>();
  flooder?: SynFlooder;

  private constructor(
    net: SimNetwork,
    m: SimEngineNode,
    clients: TcpHost,
    readonly serverAddresses: string[],
    readonly options: SimulationOptions,
    readonly clientAddresses: string[],
  ) {
    this.net = net;
    this.m = m;
    this.clients = clients;
    this.startNs = net.clock.nowNs;
  }

  /** Tallies what reaches the servers (see arrivalsAtServers), frame by frame. */
  private watchServers(log: FrameLog): void {
    const serverOf = new Map(this.servers.map((host, i) => [host.name, this.serverAddresses[i]]));
    log.onFrame((f) => {
      const server = serverOf.get(f.to);
      if (!server) return;
      const s = parseSegment(f.data);
      if (!s) return;
      const key = connectionKey(formatIp6(s.src), s.srcPort, formatIp6(s.dst), s.dstPort);
      let list = this.arrivals.get(key);
      if (!list) this.arrivals.set(key, (list = []));
      list.push({ server, timeNs: f.timeNs, rst: (s.flags & TCP_FLAG_RST) !== 0 });
    });
  }

  static async create(engine: () => Promise<WasmEngine>, clientCount: number, options: Partial<SimulationOptions> = {}): Promise<ManycastSimulation> {
    const o: SimulationOptions = { ...DEFAULT_OPTIONS, ...options };
    if (o.delaysMs.length !== o.loads.length) throw new RangeError(`${o.delaysMs.length} delays but ${o.loads.length} loads: give one of each per server`);
    if (o.delaysMs.length < 1 || o.delaysMs.length > 9) throw new RangeError("1 to 9 servers");
    // The guide names three; more get db13::1, db14::1, ... (clear of M's db0a::/64 and the spray BSID db11::2).
    const servers = o.delaysMs.map((_, i) => (i < DEFAULT_SERVERS.length ? DEFAULT_SERVERS[i] : `db1${i}::1`));
    const edges: EdgeOptions[] = servers.map((sid, i) => ({ sid, delayNs: o.delaysMs[i] * 1e6, load: o.loads[i] }));
    const tunnel: TunnelSelectOptions = {
      policy: o.policy,
      waitNs: o.waitMs * 1e6,
      clientLifetimeSeconds: o.clientLifetimeSeconds,
      clientPrefixLength: o.clientPrefixLength,
      flows: o.flows,
      entries: o.entries,
    };
    // The network always logs: the report tallies server arrivals from it, frame by frame.
    const net = new SimNetwork({ capture: o.capture === true ? true : "pass" });
    if (o.onFrame) net.log!.onFrame(o.onFrame);
    const m = net.addEngine("M", await engine(), mConfig(edges, tunnel));
    const clientAddresses = Array.from({ length: clientCount }, (_, k) => `db04::${(k + 1).toString(16)}`);
    const clients = net.addHost(new TcpHost("clients", { addresses: clientAddresses.length ? clientAddresses : ["db04::1"], seed: o.seed }));
    if (o.serviceAffinity) {
      net.addEngine("CE", await engine(), clientEdgeConfig());
      net.link("clients-CE", { host: "clients" }, { node: "CE", interface: "client" });
      net.link("CE-M", { node: "CE", interface: "m" }, { node: "M", interface: "client" });
    } else {
      net.link("clients-M", { host: "clients" }, { node: "M", interface: "client" });
    }
    const sim = new ManycastSimulation(net, m, clients, servers, o, clientAddresses);
    if (o.flooder) {
      sim.flooder = net.addHost(new SynFlooder("flooder", parseIp6(CLIENT_PREFIX.split("/")[0])!, ANYCAST, SERVICE_PORT, o.seed + 7));
      net.link("flooder-M", { host: "flooder" }, { node: "M", interface: "flood" });
      m.configure("set int input acl intfc flood ip6-table 0");
    }
    for (let i = 0; i < edges.length; i++) {
      const name = `E${i + 1}`;
      sim.edges.push(net.addEngine(name, await engine(), edgeConfig(edges[i], i, o.serviceAffinity)));
      net.link(`M-${name}`, { node: "M", interface: `e${i + 1}` }, { node: name, interface: "net" });
      const server = net.addHost(new TcpHost(`S${i + 1}`, { addresses: [ANYCAST], seed: o.seed * 1000 + i }));
      server.listen(ANYCAST, SERVICE_PORT, { responseBytes: o.responseBytes });
      sim.servers.push(server);
      if (!o.silent.includes(i)) net.link(`${name}-S${i + 1}`, { node: name, interface: "srv" }, { host: `S${i + 1}` });
    }
    sim.watchServers(net.log!);
    return sim;
  }

  get selection(): SelectionService {
    const service = selectionService(this.m.dataplane);
    if (!service) throw new Error("M has no selection service: sr-tunnel-select is not enabled");
    return service;
  }

  /** Opens a connection from client `client` now, from that client's next port (40000 up). */
  connect(client: string): ConnectionRecord {
    const localPort = this.nextClientPort.get(client) ?? FIRST_CLIENT_PORT;
    if (localPort > LAST_CLIENT_PORT) throw new RangeError(`client ${client} has used all its ports (${FIRST_CLIENT_PORT} to ${LAST_CLIENT_PORT})`);
    this.nextClientPort.set(client, localPort + 1);
    return this.clients.connect(client, ANYCAST, SERVICE_PORT, {
      requestBytes: this.options.requestBytes,
      responseBytes: this.options.responseBytes,
      localPort,
    });
  }

  /** Every client makes `connections` connections, one every `gapMs`, clients staggered by 1 ms; runs until all are done. */
  runConnections(connections: number, gapMs: number): ConnectionRecord[] {
    const made: ConnectionRecord[] = [];
    const start = this.net.clock.nowNs;
    const gapNs = BigInt(Math.round(gapMs * 1e6));
    for (let k = 0; k < connections; k++) {
      this.clientAddresses.forEach((client, c) => {
        const at = start + BigInt(k) * gapNs + BigInt(c) * NS_PER_MILLISECOND;
        this.net.clock.schedule(at, () => made.push(this.connect(client)), `connect ${client}`);
      });
    }
    // An hour past the last connection's start settles any run (a connection takes milliseconds).
    const spanSeconds = Math.ceil(Number(BigInt(connections) * gapNs + BigInt(this.clientAddresses.length) * NS_PER_MILLISECOND) / 1e9);
    this.runUntilIdle(spanSeconds + 3600);
    return made;
  }

  /**
   * `count` SYNs from random clients of db04::/64 over `seconds`, then runs until all settles. The
   * frame log is paused meanwhile (a flood makes about ten frames per SYN); report the clients'
   * connections before flooding, as the selection history keeps only the most recent selections.
   */
  flood(count: number, seconds: number): void {
    if (!this.flooder) throw new Error("create the simulation with flooder: true");
    // Nothing per SYN is kept: no frames, no server records or per-connection counts (the
    // servers' SYN backlog bounds their half-open connections), one pending SYN at a time.
    this.net.log!.paused = true;
    for (const server of this.servers) server.recording = false;
    try {
      this.flooder.flood(count, BigInt(Math.round(seconds * 1e9)));
      this.runUntilIdle();
    } finally {
      this.net.log!.paused = false;
      for (const server of this.servers) server.recording = true;
    }
  }

  /** Lets virtual time pass with nothing new started. */
  advance(seconds: number): void {
    this.net.run(this.net.clock.nowNs + BigInt(Math.round(seconds * 1e9)));
  }

  runUntilIdle(limitSeconds = 3600): void {
    const idle = this.net.runUntilIdle(this.net.clock.nowNs + BigInt(limitSeconds) * NS_PER_SECOND);
    if (!idle) throw new Error(`the simulation did not settle within ${limitSeconds} s of virtual time`);
  }

  private selectionsByConnection(): Map<string, SelectionRecord> {
    const byKey = new Map<string, SelectionRecord>();
    // The last selection of a connection wins (a retransmitted SYN starts another).
    for (const r of this.selection.history) byKey.set(`${r.client}|${r.clientPort}`, r);
    return byKey;
  }

  report(records: readonly ConnectionRecord[]): ConnectionReport[] {
    const selections = this.selectionsByConnection();
    return records.map((c) => {
      const key = connectionKey(c.clientAddr, c.clientPort, ANYCAST, SERVICE_PORT);
      const packets: Record<string, number> = {};
      this.servers.forEach((server, i) => {
        const total = server.packetsReceived(key);
        if (total) packets[this.serverAddresses[i]] = total;
      });
      return reportConnection({
        client: c.clientAddr,
        clientPort: c.clientPort,
        state: c.state,
        establishedMs: c.establishedNs !== undefined ? Number(c.establishedNs - c.openedNs) / 1e6 : null,
        selection: selections.get(`${c.clientAddr}|${c.clientPort}`),
        packets,
        arrivals: this.arrivals.get(key) ?? [],
      });
    });
  }
}
