// A data plane's IOAM configuration on the host side, mirrored into the engine's IOAM block
// (assembly/ioam/ioam-config.layout.ts) whenever it changes.
import * as C from "../../../assembly/ioam/ioam-config.layout.js";
import type { Dataplane } from "../dataplane/dataplane.js";
import type { IoamNamespace, RfcTraceProfile, VppTraceProfile } from "./trace-profiles.js";
import { onePer } from "../one-per.js";

const ALL_ONES_32 = 0xffffffff;
const ALL_ONES_64 = 0xffffffffffffffffn;
const DEFAULT_NODE_ID = 0xffffff; // Linux's default ioam6_id
const DEFAULT_NODE_ID_WIDE = 0x00ffffffffffffffn;

export interface RewriteFlags {
  trace: boolean;
  pot: boolean;
  seqno: boolean;
}

export class IoamState {
  vppProfile?: VppTraceProfile;
  rfcProfile?: RfcTraceProfile;
  readonly namespaces = new Map<number, IoamNamespace>();
  rewrite?: { bytes: Uint8Array; flags: RewriteFlags; format: "vpp" | "rfc9197" };
  /** True once `set ioam export` chose a destination; the host drains the export ring. */
  exporting = false;
  exportSink?: (line: string) => void;
  private exportRing = 0;
  private readonly rewriteListeners: ((rewrite: Uint8Array | undefined) => void)[] = [];
  private lastRewrite: Uint8Array | undefined;

  constructor(private readonly dataplane: Dataplane) {
    this.write();
  }

  private get base(): number {
    return this.dataplane.engine.ioamConfigAddress();
  }

  /** Every namespace a transit node fills: the configured ones plus the RFC profile's own. */
  private effectiveNamespaces(): IoamNamespace[] {
    const all = new Map(this.namespaces);
    if (this.rfcProfile && !all.has(this.rfcProfile.namespace)) {
      all.set(this.rfcProfile.namespace, { id: this.rfcProfile.namespace, data: ALL_ONES_32, wide: ALL_ONES_64 });
    }
    return [...all.values()];
  }

  /** Calls `listener` whenever the rewrite changes (the M-Anycast SYN header is built from it). */
  onRewriteChange(listener: (rewrite: Uint8Array | undefined) => void): void {
    this.rewriteListeners.push(listener);
  }

  /** Rewrites the whole block; configuration changes are rare and the block is small. */
  write(): void {
    this.writeBlock();
    const rewrite = this.rewrite?.bytes;
    if (rewrite !== this.lastRewrite) {
      this.lastRewrite = rewrite;
      for (const listener of this.rewriteListeners) listener(rewrite);
    }
  }

  private writeBlock(): void {
    const view = this.dataplane.engine.memoryView();
    const b = this.base;
    let flags = 0;
    if (this.vppProfile) flags |= C.IOAM_FLAG_VPP_TRACE_PROFILE;
    if (this.rfcProfile) flags |= C.IOAM_FLAG_RFC_TRACE_PROFILE;
    if (this.exporting) flags |= C.IOAM_FLAG_EXPORT;
    view.setUint32(b + C.IOAM_FLAGS, flags, true);
    const vpp = this.vppProfile;
    view.setUint8(b + C.VPP_PROFILE_TRACE_TYPE, vpp?.traceType ?? 0);
    view.setUint8(b + C.VPP_PROFILE_ELTS, vpp?.elements ?? 0);
    view.setUint8(b + C.VPP_PROFILE_TSP, vpp?.precision ?? 0);
    view.setUint32(b + C.VPP_PROFILE_NODE_ID, vpp?.nodeId ?? 0, true);
    view.setUint32(b + C.VPP_PROFILE_APP_DATA, vpp?.appData ?? 0, true);
    const rfc = this.rfcProfile;
    view.setUint16(b + C.RFC_PROFILE_NAMESPACE, rfc?.namespace ?? 0, true);
    view.setUint32(b + C.RFC_PROFILE_NODE_ID, rfc?.nodeId ?? DEFAULT_NODE_ID, true);
    view.setBigUint64(b + C.RFC_PROFILE_NODE_ID_WIDE, rfc?.nodeIdWide ?? DEFAULT_NODE_ID_WIDE, true);
    view.setUint32(b + C.RFC_PROFILE_IF_ID_IN, rfc?.ifIdIn ?? C.RFC_IF_ID_FROM_INTERFACE, true);
    view.setUint32(b + C.RFC_PROFILE_IF_ID_OUT, rfc?.ifIdOut ?? C.RFC_IF_ID_FROM_INTERFACE, true);
    view.setUint32(b + C.RFC_PROFILE_IF_ID_IN_WIDE, rfc?.ifIdInWide ?? C.RFC_IF_ID_FROM_INTERFACE, true);
    view.setUint32(b + C.RFC_PROFILE_IF_ID_OUT_WIDE, rfc?.ifIdOutWide ?? C.RFC_IF_ID_FROM_INTERFACE, true);
    const namespaces = this.effectiveNamespaces();
    view.setUint32(b + C.NAMESPACE_COUNT, namespaces.length, true);
    namespaces.forEach((ns, i) => {
      const entry = b + C.NAMESPACE_TABLE + i * C.NAMESPACE_ENTRY_SIZE;
      view.setUint16(entry + C.NAMESPACE_ID, ns.id, true);
      view.setUint32(entry + C.NAMESPACE_DATA, ns.data, true);
      view.setBigUint64(entry + C.NAMESPACE_DATA_WIDE, ns.wide, true);
    });
    const rewrite = this.rewrite?.bytes ?? new Uint8Array(0);
    view.setUint32(b + C.REWRITE_LENGTH, rewrite.length, true);
    this.dataplane.engine.memory.set(rewrite, b + C.REWRITE_BYTES);
    view.setUint32(b + C.EXPORT_RING, this.exportRing, true);
    view.setUint32(b + C.EXPORT_COUNT, 0, true);
  }

  namespaceCapacityLeft(): number {
    return C.NAMESPACE_MAX - this.effectiveNamespaces().length;
  }

  startExport(): void {
    if (!this.exportRing) this.exportRing = this.dataplane.engine.allocate(C.EXPORT_RECORDS_MAX * C.EXPORT_RECORD_SIZE);
    this.exporting = true;
    this.write();
  }

  /** The host has read the records of the last vector. */
  clearExportCount(): void {
    this.dataplane.engine.memoryView().setUint32(this.base + C.EXPORT_COUNT, 0, true);
  }

  stopExport(): void {
    this.exporting = false;
    this.write();
  }
}

/** The data plane's IOAM configuration, made (and written to the engine) on first use. */
export const ioamState = onePer((dataplane: Dataplane) => new IoamState(dataplane));
