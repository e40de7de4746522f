// One engine's counters as a value: what `manycast run --workers N` gathers from every engine so
// that show errors, show runtime and show interface print the run's totals. Browser-safe.
import type { Dataplane } from "../dataplane/dataplane.js";
import { addCounters, interfaceTableOf, InterfaceTableMemory, zeroCounters, type InterfaceCounters } from "./interface-table.js";

export interface NodeCounters {
  calls: bigint;
  packets: bigint;
}

export interface EngineCounters {
  errors: bigint[];
  nodes: NodeCounters[];
  /** By software interface index. */
  interfaces: InterfaceCounters[];
}

export function engineCounters(dataplane: Dataplane): EngineCounters {
  const table = interfaceTableOf(dataplane.engine);
  return {
    errors: dataplane.engine.errorCounts(),
    nodes: dataplane.engine.nodeStatistics(),
    interfaces: dataplane.interfaces.all().map((i) => table.counters(i.index)),
  };
}

/** `own` plus every peer's values, element by element. */
export function sumCounts(own: readonly bigint[], peers: readonly (readonly bigint[])[]): bigint[] {
  return own.map((value, k) => peers.reduce((sum, p) => sum + (p[k] ?? 0n), value));
}

export function sumNodes(own: readonly NodeCounters[], peers: readonly (readonly NodeCounters[])[]): NodeCounters[] {
  return own.map((s, k) => peers.reduce((sum, p) => ({ calls: sum.calls + (p[k]?.calls ?? 0n), packets: sum.packets + (p[k]?.packets ?? 0n) }), s));
}

/** Interface `index`'s counters in this engine plus its peers. */
export function interfaceTotals(dataplane: Dataplane, index: number, peers: readonly EngineCounters[]): InterfaceCounters {
  const own = InterfaceTableMemory.covers(index) ? interfaceTableOf(dataplane.engine).counters(index) : zeroCounters();
  return peers.reduce((sum, p) => addCounters(sum, p.interfaces[index] ?? zeroCounters()), own);
}
