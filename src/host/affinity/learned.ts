// What the client edge holds, read in place from its two flow tables (assembly/flow/flow.layout.ts
// slots; the key layout of each table is in assembly/affinity/affinity.layout.ts). An entry whose
// lifetime ran out but that no packet has met since is still in its slot: it is left out here.
import {
  FLOW_SLOT_CHOICE,
  FLOW_SLOT_DST,
  FLOW_SLOT_LAST_SEEN,
  FLOW_SLOT_PORTS,
  FLOW_SLOT_SIZE,
  FLOW_SLOT_SRC,
  FLOW_SLOT_STATE,
  FLOW_STATE_USED,
  FLOW_TABLE_HEADER_SIZE,
  FLOW_TABLE_IDLE_TIMEOUT,
} from "../../../assembly/flow/flow.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import type { FlowTable } from "../flow/flow-table.js";

export interface TableEntry {
  /** The key's source: the client (cut to the client prefix length in the clients table). */
  client: Uint8Array;
  clientPort: number; // 0 in the clients table
  anycast: Uint8Array;
  port: number; // the service port
  server: number; // directory index
  remaining: number; // seconds of lifetime left
}

const ADDRESS_LENGTH = 16;

/** The live entries of `table` at engine clock `now`, in slot order. */
export function tableEntries(engine: WasmEngine, table: FlowTable, now: number): TableEntry[] {
  const view = engine.memoryView();
  const lifetime = view.getUint32(table.address + FLOW_TABLE_IDLE_TIMEOUT, true);
  const entries: TableEntry[] = [];
  for (let k = 0; k < table.capacity; k++) {
    const slot = table.address + FLOW_TABLE_HEADER_SIZE + k * FLOW_SLOT_SIZE;
    if (engine.memory[slot + FLOW_SLOT_STATE] !== FLOW_STATE_USED) continue;
    // As the Wasm table decides: idle past the lifetime once `now - lastSeen` exceeds it (u32 time).
    const idle = (now - view.getUint32(slot + FLOW_SLOT_LAST_SEEN, true)) >>> 0;
    if (idle > lifetime) continue;
    const ports = view.getUint32(slot + FLOW_SLOT_PORTS, true);
    entries.push({
      client: keyAddress(view, slot + FLOW_SLOT_SRC),
      clientPort: ports >>> 16,
      anycast: keyAddress(view, slot + FLOW_SLOT_DST),
      port: ports & 0xffff,
      server: view.getUint32(slot + FLOW_SLOT_CHOICE, true),
      remaining: lifetime - idle,
    });
  }
  return entries;
}

/** A slot's address: four u32 words, each the network-order value of four octets. */
function keyAddress(view: DataView, at: number): Uint8Array {
  const address = new Uint8Array(ADDRESS_LENGTH);
  const out = new DataView(address.buffer);
  for (let w = 0; w < 4; w++) out.setUint32(4 * w, view.getUint32(at + 4 * w, true));
  return address;
}
