// Adjacencies: one per (interface, next hop), or per interface for glean adjacencies (attached
// prefixes, where each destination is its own neighbour). Shared by every route that uses them and
// reference-counted; freed indices are reused. Each is written to engine memory when made and
// again whenever its neighbour or its interface's MAC changes, so routes never need rewriting.
import { DPO_ADJACENCY, DPO_TYPE_SHIFT } from "../../../assembly/fib/dpo.layout.js";
import type { FibMemory } from "./fib-memory.js";

export interface Adjacency {
  index: number;
  interfaceIndex: number;
  nextHop: Uint8Array | undefined; // undefined: glean
  references: number;
}

export interface AdjacencyResolver {
  interfaceMac(interfaceIndex: number): Uint8Array;
  neighbourMac(interfaceIndex: number, address: Uint8Array): Uint8Array | undefined;
}

export function adjacencyDpo(index: number): number {
  return ((DPO_ADJACENCY << DPO_TYPE_SHIFT) | index) >>> 0;
}

function adjacencyKey(interfaceIndex: number, nextHop: Uint8Array | undefined): string {
  return `${interfaceIndex}|${nextHop ? String.fromCharCode.apply(null, nextHop as unknown as number[]) : "glean"}`;
}

export class AdjacencyTable {
  private readonly byIndex: (Adjacency | undefined)[] = [];
  private readonly byKey = new Map<string, Adjacency>();
  private readonly free: number[] = [];

  constructor(
    private readonly memory: FibMemory,
    private readonly resolver: AdjacencyResolver,
  ) {}

  /** The adjacency for (interface, next hop), made if needed, with one more reference. */
  lock(interfaceIndex: number, nextHop: Uint8Array | undefined): Adjacency {
    const key = adjacencyKey(interfaceIndex, nextHop);
    let adjacency = this.byKey.get(key);
    if (!adjacency) {
      const index = this.free.pop() ?? this.byIndex.length;
      adjacency = { index, interfaceIndex, nextHop: nextHop?.slice(), references: 0 };
      this.byIndex[index] = adjacency;
      this.byKey.set(key, adjacency);
      this.write(adjacency);
    }
    adjacency.references++;
    return adjacency;
  }

  unlock(index: number): void {
    const adjacency = this.byIndex[index];
    if (!adjacency) throw new Error(`FIB: adjacency ${index} is not in use`);
    if (--adjacency.references > 0) return;
    this.byIndex[index] = undefined;
    this.byKey.delete(adjacencyKey(adjacency.interfaceIndex, adjacency.nextHop));
    this.free.push(index);
  }

  get(index: number): Adjacency | undefined {
    return this.byIndex[index];
  }

  find(interfaceIndex: number, nextHop: Uint8Array | undefined): Adjacency | undefined {
    return this.byKey.get(adjacencyKey(interfaceIndex, nextHop));
  }

  /** Rewrites the adjacencies on an interface (its MAC changed). */
  refreshInterface(interfaceIndex: number): void {
    for (const adjacency of this.byKey.values()) if (adjacency.interfaceIndex === interfaceIndex) this.write(adjacency);
  }

  /** Rewrites the adjacency to a neighbour, if there is one (the neighbour was learnt or forgotten). */
  refreshNeighbour(interfaceIndex: number, address: Uint8Array): void {
    const adjacency = this.find(interfaceIndex, address);
    if (adjacency) this.write(adjacency);
  }

  /** The neighbour's MAC if the adjacency can be written (complete), else undefined. */
  destinationMac(adjacency: Adjacency): Uint8Array | undefined {
    return adjacency.nextHop ? this.resolver.neighbourMac(adjacency.interfaceIndex, adjacency.nextHop) : undefined;
  }

  private write(adjacency: Adjacency): void {
    this.memory.writeAdjacency(adjacency.index, {
      txInterface: adjacency.interfaceIndex,
      dstMac: this.destinationMac(adjacency),
      srcMac: this.resolver.interfaceMac(adjacency.interfaceIndex),
      nextHop: adjacency.nextHop,
    });
  }
}
