// VPP-style packet trace: `trace add IF N` marks the next N packets received on IF; every node they
// pass leaves a record (node, next node, reason, packet snapshot) that `show trace` renders.
import {
  TRACE_RECORD_ERROR,
  TRACE_RECORD_HEADER,
  TRACE_RECORD_LENGTH,
  TRACE_RECORD_NEXT,
  TRACE_RECORD_NODE,
  TRACE_RECORD_SLOT,
  TRACE_RECORD_SNAPSHOT_LENGTH,
  TRACE_RECORD_TX_IF,
} from "../../../assembly/engine/descriptor.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";

export interface TraceStep {
  node: number;
  next: number;
  error: number;
  length: number;
  txInterface: number;
  snapshot: Uint8Array;
}

export interface TracedPacket {
  number: number; // 1-based, in trace order
  interfaceName: string;
  linkType: number;
  tsSec: number;
  tsNsec: number;
  length: number;
  steps: TraceStep[];
}

/** The most packets one `trace add` may ask for, as in VPP. */
export const TRACE_ADD_MAX = 50_000;

export class PacketTrace {
  private remaining = new Map<string, number>();
  private readonly packets: TracedPacket[] = [];
  private readonly vectorSlots = new Map<number, TracedPacket>();

  add(interfaceName: string, count: number): void {
    this.remaining.set(interfaceName, (this.remaining.get(interfaceName) ?? 0) + count);
  }

  get active(): boolean {
    for (const n of this.remaining.values()) if (n > 0) return true;
    return false;
  }

  /** Marks a received packet for tracing if its interface still has a budget; returns slot+1 or 0. */
  claim(interfaceName: string, linkType: number, tsSec: number, tsNsec: number, length: number): number {
    // "*" is the budget of `trace add <input-node> N`: packets from any interface.
    const key = (this.remaining.get(interfaceName) ?? 0) > 0 ? interfaceName : "*";
    const left = this.remaining.get(key) ?? 0;
    if (left <= 0) return 0;
    this.remaining.set(key, left - 1);
    const packet: TracedPacket = {
      number: this.packets.length + 1,
      interfaceName,
      linkType,
      tsSec,
      tsNsec,
      length,
      steps: [],
    };
    this.packets.push(packet);
    const slot = this.vectorSlots.size;
    this.vectorSlots.set(slot, packet);
    return slot + 1;
  }

  /** Copies the engine's trace records for the vector just processed. */
  collect(engine: WasmEngine): void {
    const count = engine.traceRecordCount();
    for (let i = 0; i < count; i++) {
      const r = engine.traceRecord(i);
      const view = new DataView(r.buffer, r.byteOffset, r.byteLength);
      const packet = this.vectorSlots.get(view.getUint16(TRACE_RECORD_SLOT, true));
      if (!packet) continue;
      const snapLength = view.getUint16(TRACE_RECORD_SNAPSHOT_LENGTH, true);
      packet.steps.push({
        node: view.getUint16(TRACE_RECORD_NODE, true),
        next: view.getUint16(TRACE_RECORD_NEXT, true),
        error: view.getUint16(TRACE_RECORD_ERROR, true),
        length: view.getUint16(TRACE_RECORD_LENGTH, true),
        txInterface: view.getUint16(TRACE_RECORD_TX_IF, true),
        snapshot: r.slice(TRACE_RECORD_HEADER, TRACE_RECORD_HEADER + snapLength),
      });
    }
    engine.traceReset();
    this.vectorSlots.clear();
  }

  tracedPackets(): readonly TracedPacket[] {
    return this.packets;
  }

  clear(): void {
    this.packets.length = 0;
    this.remaining.clear();
    this.vectorSlots.clear();
  }
}
