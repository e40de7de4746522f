// What the data plane needs to know of each software interface, written into the engine's
// interface table (assembly/engine/interface.layout.ts; counters, MTU and cross-connect are
// interface-table.ts's): whether it is administratively up, whether
// it is an 802.1Q sub-interface (its port and VLAN) and which IPv6 FIB packets received on it are
// looked up in. VPP's `set interface state`, `create sub-interfaces` and `set interface ip6 table`
// change it; the names are the data plane's InterfaceTable.
import * as L from "../../../assembly/engine/interface.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { onePer } from "../one-per.js";
import { interfaceTableOf, type InterfaceTableMemory } from "./interface-table.js";

interface InterfaceRecord {
  up: boolean;
  sub?: { parent: number; vlan: number };
  fibIndex: number;
}

export class InterfaceConfig {
  private readonly records = new Map<number, InterfaceRecord>();
  private readonly table: InterfaceTableMemory;

  constructor(engine: WasmEngine) {
    this.table = interfaceTableOf(engine);
  }

  private record(index: number): InterfaceRecord {
    let r = this.records.get(index);
    if (!r) {
      r = { up: true, fibIndex: 0 };
      this.records.set(index, r);
    }
    return r;
  }

  /** Why the interface cannot be configured in the data plane (past the engine's table), if it cannot. */
  static limitProblem(index: number): string | undefined {
    return index >= L.IF_TABLE_ENTRIES ? `the engine keeps settings for the first ${L.IF_TABLE_ENTRIES} interfaces` : undefined;
  }

  isUp(index: number): boolean {
    return this.records.get(index)?.up ?? true;
  }

  setUp(index: number, up: boolean): void {
    this.record(index).up = up;
    this.write();
  }

  subInterface(index: number): { parent: number; vlan: number } | undefined {
    return this.records.get(index)?.sub;
  }

  /** The sub-interface of `parent` for `vlan`, if there is one. */
  subInterfaceFor(parent: number, vlan: number): number | undefined {
    for (const [index, r] of this.records) if (r.sub && r.sub.parent === parent && r.sub.vlan === vlan) return index;
    return undefined;
  }

  subInterfaceCount(): number {
    return [...this.records.values()].filter((r) => r.sub).length;
  }

  setSubInterface(index: number, parent: number, vlan: number): void {
    this.record(parent); // its record says whether it has sub-interfaces
    this.record(index).sub = { parent, vlan };
    this.write();
  }

  deleteSubInterface(index: number): void {
    const r = this.records.get(index);
    if (r) r.sub = undefined;
    this.write();
  }

  fibIndex(index: number): number {
    return this.records.get(index)?.fibIndex ?? 0;
  }

  setFibIndex(index: number, fibIndex: number): void {
    this.record(index).fibIndex = fibIndex;
    this.write();
  }

  /** Rewrites the table: configuration changes are rare and it is small. */
  private write(): void {
    const parents = new Set([...this.records.values()].flatMap((r) => (r.sub ? [r.sub.parent] : [])));
    const subs: { index: number; parent: number; vlan: number }[] = [];
    for (const [index, r] of this.records) {
      if (index >= L.IF_TABLE_ENTRIES) continue;
      let flags = 0;
      if (!r.up) flags |= L.IF_FLAG_ADMIN_DOWN;
      if (r.sub) flags |= L.IF_FLAG_SUB;
      if (parents.has(index)) flags |= L.IF_FLAG_HAS_SUBS;
      this.table.writeSettings(index, { flags, parent: r.sub?.parent ?? 0, vlan: r.sub?.vlan ?? 0, fib: r.fibIndex });
      if (r.sub) subs.push({ index, ...r.sub });
    }
    this.table.writeSubInterfaces(subs);
  }
}

/** The engine's interface settings, made on first use. */
export const interfaceConfigOf = onePer((engine: WasmEngine) => new InterfaceConfig(engine));
