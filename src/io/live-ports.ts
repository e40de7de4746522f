// One engine's live interfaces: the AF_PACKET sockets of its host interfaces, as the data plane's
// VectorSource (one addon call fills a vector straight into Wasm memory) and VectorSink (one call
// hands the whole transmit list to the transmit rings), and as the CLI's HostInterfaceIo (`create
// host-interface` opens a socket while the line is parsed). Node only.
import type { Dataplane } from "../host/dataplane/dataplane.js";
import type { RxVector, TxVector, VectorSink, VectorSource } from "../host/dataplane/vector-io.js";
import type { HostInterface, HostInterfaceIo, LinuxInterface, PreparedHostInterface, RxMode } from "../host/interfaces/host-interfaces.js";
import { interfaceTableOf } from "../host/interfaces/interface-table.js";
import type { AfPacketAddon, IoHandle } from "./afpacket.js";

const NS_PER_SECOND = 1_000_000_000n;

export interface LivePortsOptions {
  /** The PACKET_FANOUT_HASH group for a host interface's socket (0: no fanout), the same in every worker. */
  fanoutGroup(linuxName: string, ordinal: number): number;
}

export class LivePorts implements HostInterfaceIo, VectorSource, VectorSink {
  readonly ended = false;
  private readonly io: IoHandle;
  private readonly polling = new Set<number>();
  private readonly attached = new Set<number>();
  private readonly routed = new Set<number>();
  private opened = 0;
  private held: bigint | undefined;
  private closed = false;
  private watcher: Parameters<AfPacketAddon["watch"]>[1] | undefined;

  constructor(
    private readonly addon: AfPacketAddon,
    private readonly dataplane: Dataplane,
    private readonly options: LivePortsOptions,
  ) {
    const engine = dataplane.engine;
    this.io = addon.createIo();
    const regions = engine.regions;
    addon.configure(this.io, regions.descriptors, regions.buffers, regions.txList, regions.errorCounters, interfaceTableOf(engine).address);
  }

  // ---- HostInterfaceIo ----

  prepare(linuxName: string, settings: { qdiscBypass: boolean }): PreparedHostInterface | string {
    const linux = this.inspect(linuxName);
    if (!linux) return `no Linux interface ${linuxName}`;
    const port = this.addon.openPort(linuxName, { qdiscBypass: settings.qdiscBypass, fanoutGroup: this.options.fanoutGroup(linuxName, this.opened) });
    if (typeof port === "string") return `${linuxName}: ${port}`;
    this.opened++;
    return {
      linux,
      attach: (swIfIndex: number, host: HostInterface) => {
        this.addon.attach(this.io, port, swIfIndex);
        this.attached.add(swIfIndex);
        if (host.rxMode === "polling") this.polling.add(swIfIndex);
        // Created while the engine runs (through ctl): its socket wakes the engine from now on.
        if (this.watcher) this.addon.watch(this.io, this.watcher);
      },
    };
  }

  inspect(linuxName: string): LinuxInterface | undefined {
    const info = this.addon.linkInfo(linuxName);
    return info ? { ifindex: info.ifindex, mtu: info.mtu, mac: Uint8Array.from(info.mac), operUp: info.operUp } : undefined;
  }

  describe(swIfIndex: number): string[] {
    const text = this.addon.describe(this.io, swIfIndex);
    return text ? text.split("\n") : [];
  }

  setRxMode(swIfIndex: number, mode: RxMode): void {
    if (mode === "polling") this.polling.add(swIfIndex);
    else this.polling.delete(swIfIndex);
  }

  /** Some interface busy-polls: the engine loop must not sleep. */
  get busyPoll(): boolean {
    return this.polling.size > 0;
  }

  // ---- VectorSource ----

  fill(rx: RxVector): number {
    if (this.closed) return 0;
    let sec = -1;
    let nsec = 0;
    if (rx.notAfter !== undefined) {
      sec = Number(rx.notAfter / NS_PER_SECOND);
      nsec = Number(rx.notAfter % NS_PER_SECOND);
    }
    const n = this.addon.receive(this.io, rx.engine.memoryBuffer, rx.capacity, sec, nsec);
    const held = n === 0 && sec >= 0 ? this.addon.heldTime(this.io) : null;
    this.held = held ? BigInt(held[0]) * NS_PER_SECOND + BigInt(held[1]) : undefined;
    return n;
  }

  nextTime(): bigint | undefined {
    return this.held;
  }

  /** Now: the vector just filled begins now, whatever the kernel stamped its frames. */
  departureFloor(): bigint {
    return this.now();
  }

  /** Whether a ring has frames waiting (busy polling asks before it runs a vector). */
  ready(): boolean {
    return !this.closed && this.addon.rxReady(this.io);
  }

  // ---- VectorSink ----

  drain(tx: TxVector): void {
    if (!this.closed) this.addon.transmit(this.io, tx.engine.memoryBuffer, tx.count);
  }

  // ---- life ----

  /** Adds the kernel's ring drops to the interfaces' rx-miss counters. */
  collectCounters(): void {
    if (!this.closed) this.addon.collect(this.io, this.dataplane.engine.memoryBuffer);
  }

  /** Calls onFrames when a ring has frames, onProblem when a socket fails; until stopWatching(). */
  watch(onFrames: () => void, onProblem: (swIfIndex: number, message: string) => void): void {
    this.watcher = (swIfIndex, message) => {
      if (swIfIndex !== undefined && message !== undefined) onProblem(swIfIndex, message);
      else onFrames();
    };
    this.addon.watch(this.io, this.watcher);
  }

  stopWatching(): void {
    this.watcher = undefined;
    if (!this.closed) this.addon.unwatch(this.io);
  }

  /**
   * Sub-interfaces (`host-veth0.10`, VPP's IF.ID naming) send through their parent's socket; the
   * 802.1Q tag is the data path's business. Called after configuration changes.
   */
  routeSubInterfaces(): void {
    for (const iface of this.dataplane.interfaces.all()) {
      if (this.routed.has(iface.index)) continue;
      const dot = iface.name.lastIndexOf(".");
      if (dot <= 0 || !/^[0-9]+$/.test(iface.name.slice(dot + 1))) continue;
      const parent = this.dataplane.interfaces.find(iface.name.slice(0, dot));
      if (!parent || !this.attached.has(parent.index)) continue;
      this.addon.route(this.io, iface.index, parent.index);
      this.routed.add(iface.index);
    }
  }

  close(): void {
    if (this.closed) return;
    this.collectCounters();
    this.addon.unwatch(this.io);
    this.addon.closeAll(this.io);
    this.closed = true;
  }

  /** CLOCK_REALTIME in nanoseconds: the clock the kernel stamps frames with, so the engine's clock too. */
  now(): bigint {
    const [sec, nsec] = this.addon.now();
    return BigInt(sec) * NS_PER_SECOND + BigInt(nsec);
  }
}
