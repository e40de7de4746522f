// The engine's per-interface table (assembly/engine/interface.layout.ts) as the host sees it:
// counters for `show interface`, the MTU and cross-connect the data path obeys, and the counters
// only the host can bump (what the kernel dropped before the engine read it, frames a transmit
// refused). The admin state, sub-interfaces and FIB of each interface are InterfaceConfig's
// (interface-config.ts), which writes them through this. The one reader of the table's address.
// Browser-safe.
import * as I from "../../../assembly/engine/interface.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { onePer } from "../one-per.js";

export interface InterfaceCounters {
  rxPackets: bigint;
  rxBytes: bigint;
  txPackets: bigint;
  txBytes: bigint;
  drops: bigint;
  txErrors: bigint;
  rxMiss: bigint;
}

const COUNTER_FIELDS: readonly [keyof InterfaceCounters, number][] = [
  ["rxPackets", I.IF_RX_PACKETS],
  ["rxBytes", I.IF_RX_BYTES],
  ["txPackets", I.IF_TX_PACKETS],
  ["txBytes", I.IF_TX_BYTES],
  ["drops", I.IF_DROPS],
  ["txErrors", I.IF_TX_ERRORS],
  ["rxMiss", I.IF_RX_MISS],
];

export function zeroCounters(): InterfaceCounters {
  return { rxPackets: 0n, rxBytes: 0n, txPackets: 0n, txBytes: 0n, drops: 0n, txErrors: 0n, rxMiss: 0n };
}

/** a + b, field by field (the counters of several engines of one run). */
export function addCounters(a: InterfaceCounters, b: InterfaceCounters): InterfaceCounters {
  const sum = zeroCounters();
  for (const [name] of COUNTER_FIELDS) sum[name] = a[name] + b[name];
  return sum;
}

interface InterfaceTableExports {
  interfaceTableAddress(): number;
}

/** One interface's settings as the data path reads them (InterfaceConfig decides them). */
export interface InterfaceSettings {
  flags: number; // IF_FLAG_*
  parent: number;
  vlan: number;
  fib: number;
}

export class InterfaceTableMemory {
  /** Where the table is in engine memory: the AF_PACKET addon counts received and sent frames in it. */
  readonly address: number;

  constructor(private readonly engine: WasmEngine) {
    this.address = engine.componentExports<InterfaceTableExports>(["interfaceTableAddress"]).interfaceTableAddress() >>> 0;
  }

  /** Whether interface `index` has a record (higher indices are neither counted nor configurable). */
  static covers(index: number): boolean {
    return index >= 0 && index < I.IF_TABLE_ENTRIES;
  }

  private entry(index: number): number {
    if (!InterfaceTableMemory.covers(index)) throw new Error(`interface index ${index} is beyond the engine's ${I.IF_TABLE_ENTRIES} interfaces`);
    return this.address + index * I.IF_ENTRY_SIZE;
  }

  counters(index: number): InterfaceCounters {
    const c = zeroCounters();
    if (!InterfaceTableMemory.covers(index)) return c;
    const view = this.engine.memoryView();
    const at = this.entry(index);
    for (const [name, offset] of COUNTER_FIELDS) c[name] = view.getBigUint64(at + offset, true);
    return c;
  }

  /** Counts what the host saw happen to the interface's frames outside the graph. */
  addHostCounts(index: number, counts: { txErrors?: number; rxMiss?: number }): void {
    if (!InterfaceTableMemory.covers(index)) return;
    const view = this.engine.memoryView();
    const at = this.entry(index);
    if (counts.txErrors) view.setBigUint64(at + I.IF_TX_ERRORS, view.getBigUint64(at + I.IF_TX_ERRORS, true) + BigInt(counts.txErrors), true);
    if (counts.rxMiss) view.setBigUint64(at + I.IF_RX_MISS, view.getBigUint64(at + I.IF_RX_MISS, true) + BigInt(counts.rxMiss), true);
  }

  clearCounters(): void {
    const memory = this.engine.memory;
    for (let index = 0; index < I.IF_TABLE_ENTRIES; index++) {
      const at = this.address + index * I.IF_ENTRY_SIZE;
      memory.fill(0, at, at + I.IF_FLAGS); // the counters, which come first
    }
  }

  writeSettings(index: number, settings: InterfaceSettings): void {
    const view = this.engine.memoryView();
    const at = this.entry(index);
    view.setUint32(at + I.IF_FLAGS, settings.flags, true);
    view.setUint16(at + I.IF_PARENT, settings.parent, true);
    view.setUint16(at + I.IF_VLAN, settings.vlan, true);
    view.setUint16(at + I.IF_FIB, settings.fib, true);
  }

  /** The 802.1Q sub-interfaces ethernet-input looks up (at most SUBINTERFACES_MAX; the rest are not written). */
  writeSubInterfaces(subs: readonly { index: number; parent: number; vlan: number }[]): void {
    const view = this.engine.memoryView();
    subs.slice(0, I.SUBINTERFACES_MAX).forEach((sub, k) => {
      const at = this.address + I.SUBINTERFACE_TABLE + k * I.SUBINTERFACE_RECORD_SIZE;
      view.setUint16(at + I.SUBINTERFACE_PARENT, sub.parent, true);
      view.setUint16(at + I.SUBINTERFACE_VLAN, sub.vlan, true);
      view.setUint16(at + I.SUBINTERFACE_INDEX, sub.index, true);
    });
    view.setUint32(this.address + I.SUBINTERFACE_COUNT, Math.min(subs.length, I.SUBINTERFACES_MAX), true);
  }

  /** The largest L3 packet the interface sends; 0: not checked. */
  mtu(index: number): number {
    if (!InterfaceTableMemory.covers(index)) return 0;
    return this.engine.memoryView().getUint32(this.entry(index) + I.IF_MTU, true);
  }

  setMtu(index: number, mtu: number): void {
    this.engine.memoryView().setUint32(this.entry(index) + I.IF_MTU, mtu, true);
  }

  /** The interface unrouted packets from `index` leave by, if cross-connected. */
  xconnect(index: number): number | undefined {
    if (!InterfaceTableMemory.covers(index)) return undefined;
    const peer = this.engine.memoryView().getUint32(this.entry(index) + I.IF_XCONNECT, true);
    return peer ? peer - 1 : undefined;
  }

  setXconnect(index: number, peer: number | undefined): void {
    this.engine.memoryView().setUint32(this.entry(index) + I.IF_XCONNECT, peer === undefined ? 0 : peer + 1, true);
  }
}

/** The engine's interface table, made on first use. */
export const interfaceTableOf = onePer((engine: WasmEngine) => new InterfaceTableMemory(engine));
