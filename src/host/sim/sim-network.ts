// The simulated network: named engine nodes (each a Dataplane configured by CLI text), named
// hosts, and point-to-point links between them, all driven by one virtual clock. Every link
// carries raw IPv6 (link type 101): no Ethernet, no neighbour discovery.
import { LINK_RAW_IP } from "../../../assembly/engine/descriptor.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import type { CliContext } from "../cli/context.js";
import { VirtualClock } from "./virtual-clock.js";
import { FrameLog } from "./frame-log.js";
import { SimEngineNode } from "./sim-engine-node.js";
import { SimLink, type LinkEnd } from "./sim-link.js";
import type { SimHost } from "./sim-host.js";

export type Endpoint = { node: string; interface: string } | { host: string };

export interface SimNetworkOptions {
  clock?: VirtualClock;
  /**
   * Record every frame on every link (network.log.frames) for assertions and captures; "pass":
   * keep none, only hand each to the log's listeners (memory stays flat however long the run).
   */
  capture?: boolean | "pass";
  /** For `set ioam export file ...` in node configs; only hosts with a file system provide one. */
  openExport?: CliContext["openExport"];
}

export interface LinkOptions {
  /** Extra propagation delay each way, in ns (default 0). */
  delayNs?: bigint;
}

export class SimNetwork {
  readonly clock: VirtualClock;
  readonly log: FrameLog | undefined;
  private readonly nodes = new Map<string, SimEngineNode>();
  private readonly hosts = new Map<string, SimHost>();
  private readonly links = new Map<string, SimLink>();
  private readonly linkedHosts = new Set<string>();

  constructor(private readonly options: SimNetworkOptions = {}) {
    this.clock = options.clock ?? new VirtualClock();
    this.log = options.capture ? new FrameLog(options.capture === true) : undefined;
  }

  /** Adds an engine node and applies its config; a rejected line throws SimConfigError naming node, line and problem. */
  addEngine(name: string, engine: WasmEngine, config = ""): SimEngineNode {
    this.claimName(name);
    const node = new SimEngineNode(name, engine, this.clock, LINK_RAW_IP, this.options.openExport);
    this.nodes.set(name, node);
    if (config) node.configure(config);
    return node;
  }

  addHost<H extends SimHost>(host: H): H {
    this.claimName(host.name);
    this.hosts.set(host.name, host);
    return host;
  }

  node(name: string): SimEngineNode {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`no engine node ${name}`);
    return node;
  }

  link(name: string, a: Endpoint, b: Endpoint, options: LinkOptions = {}): SimLink {
    if (this.links.has(name)) throw new Error(`link ${name} exists already`);
    const delayNs = options.delayNs ?? 0n;
    if (delayNs < 0n) throw new Error(`link ${name}: negative delay`);
    const ends: [LinkEnd, LinkEnd] = [this.end(a), this.end(b)];
    const link = new SimLink(name, ends, delayNs, LINK_RAW_IP, this.clock, this.log);
    this.attach(a, (data) => link.carry(0, data));
    this.attach(b, (data) => link.carry(1, data));
    this.links.set(name, link);
    return link;
  }

  /** Runs the simulation up to `untilNs` (absolute virtual time). */
  run(untilNs: bigint): void {
    this.clock.run(untilNs);
  }

  /** Runs until nothing is scheduled, or the next event is after `limitNs`; true when idle. */
  runUntilIdle(limitNs: bigint): boolean {
    return this.clock.runUntilIdle(limitNs);
  }

  private claimName(name: string): void {
    if (this.nodes.has(name) || this.hosts.has(name)) throw new Error(`${name} exists already`);
  }

  private end(e: Endpoint): LinkEnd {
    if ("host" in e) {
      const host = this.hosts.get(e.host);
      if (!host) throw new Error(`no host ${e.host}`);
      return { label: host.name, deliver: (data) => host.receive(data) };
    }
    const node = this.node(e.node);
    return { label: `${e.node}/${e.interface}`, deliver: (data) => node.deliver(e.interface, data) };
  }

  private attach(e: Endpoint, send: (data: Uint8Array) => void): void {
    if ("host" in e) {
      if (this.linkedHosts.has(e.host)) throw new Error(`host ${e.host} has a link already (hosts have one)`);
      this.linkedHosts.add(e.host);
      this.hosts.get(e.host)!.attach({ clock: this.clock, send });
    } else {
      this.node(e.node).connect(e.interface, send);
    }
  }
}
