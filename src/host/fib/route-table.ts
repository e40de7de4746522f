// One FIB's entries: per prefix, every source's route (contribution) and the one installed, the most
// preferred (ROUTE_SOURCE_PRIORITY; the earlier of equals). Changes reach engine memory at once;
// contributions that go release the adjacencies and the load balance they held.
import { DPO_DROP, DPO_TYPE_SHIFT } from "../../../assembly/fib/dpo.layout.js";
import type { AdjacencyTable } from "./adjacencies.js";
import type { FibMemory } from "./fib-memory.js";
import type { LoadBalanceTable } from "./load-balances.js";
import type { Contribution, FibEntry } from "./model.js";
import { prefixContains, prefixKey, type Ip6Prefix } from "./prefix.js";

export const DROP_DPO = (DPO_DROP << DPO_TYPE_SHIFT) >>> 0;

export class RouteTable {
  private readonly byPrefix = new Map<string, FibEntry>();

  constructor(
    /** The FIB index prefixes are installed under. */
    readonly fib: number,
    private readonly memory: FibMemory,
    private readonly adjacencies: AdjacencyTable,
    private readonly loadBalances: LoadBalanceTable,
  ) {}

  get size(): number {
    return this.byPrefix.size;
  }

  /** Sets a source's route for the prefix, replacing what that source had there. */
  contribute(prefix: Ip6Prefix, contribution: Contribution): void {
    const key = prefixKey(prefix);
    let entry = this.byPrefix.get(key);
    if (!entry) {
      entry = { prefix, contributions: [], installed: contribution };
      this.byPrefix.set(key, entry);
    }
    const at = entry.contributions.findIndex((c) => c.source === contribution.source);
    const replaced = at >= 0 ? entry.contributions[at] : undefined;
    if (at >= 0) entry.contributions[at] = contribution;
    else entry.contributions.push(contribution);
    this.install(entry);
    // Released after the new one is installed: nothing the engine reads is freed while in use.
    if (replaced) this.release(replaced);
  }

  /** Removes a source's route for the prefix; false if it had none. */
  withdraw(prefix: Ip6Prefix, source: string): boolean {
    const key = prefixKey(prefix);
    const entry = this.byPrefix.get(key);
    const at = entry ? entry.contributions.findIndex((c) => c.source === source) : -1;
    if (!entry || at < 0) return false;
    const [gone] = entry.contributions.splice(at, 1);
    if (entry.contributions.length > 0) {
      this.install(entry);
    } else {
      this.byPrefix.delete(key);
      this.memory.remove(this.fib, prefix);
    }
    this.release(gone);
    return true;
  }

  contribution(prefix: Ip6Prefix, source: string): Contribution | undefined {
    return this.byPrefix.get(prefixKey(prefix))?.contributions.find((c) => c.source === source);
  }

  entry(prefix: Ip6Prefix): FibEntry | undefined {
    return this.byPrefix.get(prefixKey(prefix));
  }

  /** Every entry, by address and then length (the order `show ip6 fib` prints). */
  entries(): FibEntry[] {
    return [...this.byPrefix.values()].sort((a, b) => compareAddresses(a.prefix.address, b.prefix.address) || a.prefix.length - b.prefix.length);
  }

  /** The entry a lookup of `address` finds, skipping `except` (a linear scan: for show commands and recursion, not the data path). */
  longestMatch(address: Uint8Array, except?: Ip6Prefix): FibEntry | undefined {
    let best: FibEntry | undefined;
    const skip = except && prefixKey(except);
    for (const entry of this.byPrefix.values()) {
      if ((!best || entry.prefix.length > best.prefix.length) && prefixContains(entry.prefix, address) && prefixKey(entry.prefix) !== skip) best = entry;
    }
    return best;
  }

  private install(entry: FibEntry): void {
    let best = entry.contributions[0];
    for (const c of entry.contributions) if (c.priority < best.priority) best = c;
    entry.installed = best;
    this.memory.write(this.fib, entry.prefix, best.dpo);
  }

  private release(contribution: Contribution): void {
    if (contribution.adjacency !== undefined) this.adjacencies.unlock(contribution.adjacency);
    for (const adjacency of contribution.adjacencies ?? []) this.adjacencies.unlock(adjacency);
    if (contribution.loadBalance !== undefined) this.loadBalances.release(contribution.loadBalance);
  }
}

export function compareAddresses(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
