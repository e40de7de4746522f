// The host half of IPv6 neighbour discovery (assembly/nd/): after every vector it reads what the
// engine's ND nodes learned and turns it into dynamic neighbours in the FIB (which completes the
// adjacencies to them) and releases the packets the engine held for them; it ages dynamic entries
// (an entry not confirmed for `age` seconds is probed with unicast solicitations and forgotten if
// the neighbour does not answer), and keeps at most `limit` of them. Configured (static) neighbours
// win over learned ones and never age. Everything runs on engine time. Browser-safe.
import * as N from "../../../assembly/nd/nd.layout.js";
import type { Dataplane } from "../dataplane/dataplane.js";
import { timeToNanoseconds } from "../dataplane/dataplane.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { fibOf, type Fib } from "../fib/fib.js";
import type { Neighbour } from "../fib/model.js";
import { onePerDataplane } from "../one-per.js";

const NS_PER_SECOND = 1_000_000_000n;
const NEVER = 0xffff_ffff_ffff_ffffn; // ndNextDue() with nothing pending (PARK_NEVER)

/** VPP's `set ip neighbor-config ip6` settings. */
export interface NeighbourConfig {
  /** Dynamic entries kept at most (VPP's default 50000). */
  limit: number;
  /** Seconds a dynamic entry lives unconfirmed before it is probed (0: never aged). */
  ageSeconds: number;
  /** When the table is full, replace the oldest dynamic entry (else the new one is not learned). */
  recycle: boolean;
}

/** What one engine learned or forgot, for the other engines of a multi-worker run. */
export type NeighbourChange =
  | { kind: "learned"; interfaceIndex: number; address: Uint8Array; mac: Uint8Array; atNs: bigint }
  | { kind: "forgotten"; interfaceIndex: number; address: Uint8Array };

interface NdExports {
  ndRootAddress(): number;
  ndNextDue(): bigint;
  ndPendingCount(): number;
  ndProbe(iface: number): number;
  ndResolved(iface: number, adjacency: number): number;
}

export interface NeighbourCounters {
  learned: number;
  refreshed: number;
  forgotten: number;
  /** Not learned: the table was full and recycle is off. */
  refused: number;
  /** Resolutions given up (the engine dropped what it held). */
  failed: number;
}

export class NeighbourDiscovery {
  readonly config: NeighbourConfig = { limit: 50_000, ageSeconds: 300, recycle: false };
  readonly counters: NeighbourCounters = { learned: 0, refreshed: 0, forgotten: 0, refused: 0, failed: 0 };
  private readonly exports: NdExports;
  private readonly root: number;
  private readonly fib: Fib;
  private readonly listeners: ((change: NeighbourChange) => void)[] = [];
  // Entries being probed, by neighbour key: the confirmation time they were probed for.
  private readonly probing = new Map<string, bigint>();
  private agingDueNs: bigint | undefined;

  constructor(private readonly dataplane: Dataplane) {
    const engine = dataplane.engine;
    this.exports = engine.componentExports<NdExports>(["ndRootAddress", "ndNextDue", "ndPendingCount", "ndProbe", "ndResolved"]);
    this.root = this.exports.ndRootAddress();
    this.fib = fibOf(engine);
    dataplane.onVector(() => this.readEvents());
    dataplane.onBeforeVector(() => this.ageDue());
    dataplane.addWakeupSource(() => this.nextWakeupNs());
  }

  private get engine(): WasmEngine {
    return this.dataplane.engine;
  }

  private nowNs(): bigint {
    return timeToNanoseconds(this.dataplane.now);
  }

  /** Calls `listener` for every neighbour this engine learns or forgets itself (not those applied from peers). */
  onChange(listener: (change: NeighbourChange) => void): void {
    this.listeners.push(listener);
  }

  /** Resolutions and probes the engine has in progress. */
  pendingCount(): number {
    return this.exports.ndPendingCount();
  }

  dynamicCount(): number {
    return this.fib.neighbours().filter((n) => n.dynamic).length;
  }

  // ---- events from the engine ----

  private readEvents(): void {
    const memory = this.engine.memory;
    const view = this.engine.memoryView();
    const count = view.getUint32(this.root + N.ND_ROOT_EVENT_COUNT, true);
    if (count === 0) return;
    const events = view.getUint32(this.root + N.ND_ROOT_EVENTS, true);
    for (let k = 0; k < count; k++) {
      const e = events + k * N.ND_EVENT_SIZE;
      const kind = memory[e + N.ND_EVENT_KIND];
      const interfaceIndex = view.getUint16(e + N.ND_EVENT_INTERFACE, true);
      const address = memory.slice(e + N.ND_EVENT_ADDRESS, e + N.ND_EVENT_ADDRESS + 16);
      const mac = memory.slice(e + N.ND_EVENT_MAC, e + N.ND_EVENT_MAC + 6);
      switch (kind) {
        case N.ND_EVENT_LEARNED_NS:
        case N.ND_EVENT_LEARNED_NA:
          this.learn(interfaceIndex, address, mac, true);
          break;
        case N.ND_EVENT_CONFIRMED:
          this.confirm(interfaceIndex, address, true);
          break;
        case N.ND_EVENT_FAILED:
          this.counters.failed++;
          break;
        case N.ND_EVENT_PROBE_FAILED:
          this.probeFailed(interfaceIndex, address);
          break;
      }
    }
  }

  /**
   * The neighbour is at `mac` (learned here, or by another engine of the run when `own` is false):
   * a new or changed dynamic entry, or a refreshed one; packets held for it are released.
   */
  learn(interfaceIndex: number, address: Uint8Array, mac: Uint8Array, own: boolean, atNs = this.nowNs()): void {
    const existing = this.fib.neighbour(interfaceIndex, address);
    const now = atNs;
    if (existing && !existing.dynamic) {
      this.release(interfaceIndex, address); // configured: the adjacency is complete already
      return;
    }
    this.probing.delete(key(interfaceIndex, address));
    if (existing && sameBytes(existing.mac, mac)) {
      if (existing.updatedNs === undefined || now > existing.updatedNs) existing.updatedNs = now;
      this.counters.refreshed++;
    } else {
      if (!existing && !this.makeRoom()) {
        this.counters.refused++;
        return;
      }
      this.fib.setNeighbour(interfaceIndex, address, mac, { dynamic: true, updatedNs: now });
      this.counters.learned++;
    }
    this.scheduleAging(now + this.ageNs());
    this.release(interfaceIndex, address);
    if (own) this.notify({ kind: "learned", interfaceIndex, address, mac, atNs: now });
  }

  /** An advertisement without a link-layer address: the neighbour is still there. */
  private confirm(interfaceIndex: number, address: Uint8Array, own: boolean): void {
    const existing = this.fib.neighbour(interfaceIndex, address);
    if (!existing?.dynamic) return;
    this.learn(interfaceIndex, address, existing.mac, own);
  }

  /** Forgets a dynamic neighbour (its probes went unanswered, or another engine forgot it). */
  forget(interfaceIndex: number, address: Uint8Array, own: boolean): void {
    this.probing.delete(key(interfaceIndex, address));
    const existing = this.fib.neighbour(interfaceIndex, address);
    if (!existing?.dynamic) return;
    this.fib.deleteNeighbour(interfaceIndex, address);
    this.counters.forgotten++;
    if (own) this.notify({ kind: "forgotten", interfaceIndex, address });
  }

  /** Applies what another engine of the same run learned or forgot. */
  apply(change: NeighbourChange): void {
    if (change.kind === "learned") this.learn(change.interfaceIndex, change.address, change.mac, false, change.atNs);
    else this.forget(change.interfaceIndex, change.address, false);
  }

  private probeFailed(interfaceIndex: number, address: Uint8Array): void {
    const probedAt = this.probing.get(key(interfaceIndex, address));
    const existing = this.fib.neighbour(interfaceIndex, address);
    // Confirmed since the probes began (by an advertisement another engine saw): keep it.
    if (probedAt !== undefined && existing?.updatedNs !== undefined && existing.updatedNs > probedAt) return;
    this.forget(interfaceIndex, address, true);
  }

  private notify(change: NeighbourChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /**
   * The engine releases the packets it holds for the neighbour into ip6-rewrite through the
   * adjacency to it (called whenever a neighbour becomes known, learned or configured).
   */
  release(interfaceIndex: number, address: Uint8Array): void {
    const adjacency = this.fib.adjacencies.find(interfaceIndex, address);
    if (!adjacency) return;
    this.engine.memory.set(address, this.root + N.ND_ROOT_HOST_ADDRESS);
    this.exports.ndResolved(interfaceIndex, adjacency.index);
  }

  /** Room for one more dynamic entry: true if there is, recycling the oldest when allowed. */
  private makeRoom(): boolean {
    const dynamic = this.fib.neighbours().filter((n) => n.dynamic);
    if (dynamic.length < this.config.limit) return true;
    if (!this.config.recycle || dynamic.length === 0) return false;
    const oldest = dynamic.reduce((a, b) => ((a.updatedNs ?? 0n) <= (b.updatedNs ?? 0n) ? a : b));
    this.forget(oldest.interfaceIndex, oldest.address, true);
    return true;
  }

  // ---- aging ----

  private ageNs(): bigint {
    return BigInt(this.config.ageSeconds) * NS_PER_SECOND;
  }

  private scheduleAging(at: bigint): void {
    if (this.config.ageSeconds === 0) return;
    if (this.agingDueNs === undefined || at < this.agingDueNs) this.agingDueNs = at;
  }

  /** Re-reads every entry's aging time (after the age setting changed). */
  reschedule(): void {
    this.agingDueNs = undefined;
    if (this.config.ageSeconds === 0) return;
    for (const n of this.fib.neighbours()) if (n.dynamic) this.scheduleAging((n.updatedNs ?? 0n) + this.ageNs());
  }

  /** Before a vector: entries unconfirmed for `age` seconds are probed (RFC 4861's STALE -> PROBE, in one step). */
  private ageDue(): void {
    const now = this.nowNs();
    if (this.agingDueNs === undefined || now < this.agingDueNs) return;
    this.agingDueNs = undefined;
    const age = this.ageNs();
    for (const n of this.fib.neighbours()) {
      if (!n.dynamic) continue;
      const due = (n.updatedNs ?? 0n) + age;
      const k = key(n.interfaceIndex, n.address);
      if (due > now) this.scheduleAging(due);
      else if (!this.probing.has(k)) this.probe(n, k);
    }
  }

  private probe(n: Neighbour, k: string): void {
    const memory = this.engine.memory;
    memory.set(n.address, this.root + N.ND_ROOT_HOST_ADDRESS);
    memory.set(n.mac, this.root + N.ND_ROOT_HOST_MAC);
    // The engine may be resolving it already (a packet found it incomplete): that ends it too.
    this.exports.ndProbe(n.interfaceIndex);
    this.probing.set(k, n.updatedNs ?? 0n);
  }

  /**
   * The engine's next solicitation or give-up: held work, which a replay's end runs out too. Aging
   * is not: it happens as time passes with traffic, or when a live run's timer comes (nextAgingNs).
   */
  private nextWakeupNs(): bigint | undefined {
    const due = BigInt.asUintN(64, this.exports.ndNextDue());
    return due === NEVER ? undefined : due;
  }

  /** When the next entry is due to be probed (engine time), for a run on the system clock to wake for it. */
  nextAgingNs(): bigint | undefined {
    return this.agingDueNs;
  }
}

function key(interfaceIndex: number, address: Uint8Array): string {
  return `${interfaceIndex}|${Array.from(address).join(".")}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Starts neighbour discovery on the data plane (idempotent): when an interface first gets an IPv6 address. */
export const startNeighbourDiscovery = onePerDataplane((dataplane) => new NeighbourDiscovery(dataplane));

/** The data plane's neighbour discovery, if it was started. */
export function neighbourDiscoveryOf(dataplane: Dataplane): NeighbourDiscovery | undefined {
  return startNeighbourDiscovery.ifMade(dataplane);
}
