// A data plane's IOAM configuration on the host side, mirrored into the engine's IOAM block
// (assembly/ioam/ioam-config.layout.ts) whenever it changes: the trace profiles and the rewrite,
// and for RFC 9197 traces what Linux keeps in its sysctls and `ip ioam` tables (the node's ids, the
// namespaces with their schemas, and per interface whether IOAM is on and its ids).
import * as C from "../../../assembly/ioam/ioam-config.layout.js";
import type { Dataplane } from "../dataplane/dataplane.js";
import type { IoamInterface, IoamNamespace, IoamNodeIdentity, IoamSchema, RfcTraceProfile, VppTraceProfile } from "./trace-profiles.js";
import { onePerDataplane } from "../one-per.js";

const TRACE_WORD = 4;
export const DEFAULT_NODE_IDENTITY: IoamNodeIdentity = { id: 0xffffff, wide: 0x00ffffffffffffffn };
export const DEFAULT_INTERFACE: IoamInterface = {
  enabled: false,
  id: C.IOAM6_DEFAULT_INTERFACE_ID,
  wide: C.IOAM6_DEFAULT_INTERFACE_ID_WIDE,
};

export interface RewriteFlags {
  trace: boolean;
  pot: boolean;
  seqno: boolean;
}

/** Octets of an Opaque State Snapshot carrying `schema`: its header word and its data, padded to 4n. */
export function snapshotOctets(schema: IoamSchema | undefined): number {
  return TRACE_WORD + (schema ? Math.ceil(schema.data.length / TRACE_WORD) * TRACE_WORD : 0);
}

/** The IOAM block's entry point in the engine's exports (assembly/index.ts). */
interface IoamExports {
  ioamConfigAddress(): number;
}

export class IoamState {
  vppProfile?: VppTraceProfile;
  rfcProfile?: RfcTraceProfile;
  node: IoamNodeIdentity = { ...DEFAULT_NODE_IDENTITY };
  readonly namespaces = new Map<number, IoamNamespace>();
  readonly schemas = new Map<number, IoamSchema>();
  /** Interfaces with a setting (`set interface ioam6`); the others have DEFAULT_INTERFACE. */
  readonly interfaces = new Map<number, IoamInterface>();
  rewrite?: { bytes: Uint8Array; flags: RewriteFlags; format: "vpp" | "rfc9197" };
  /** True once `set ioam export` chose a destination; the host drains the export ring. */
  exporting = false;
  exportSink?: (line: string) => void;
  private exportRing = 0;
  private readonly rewriteListeners: ((rewrite: Uint8Array | undefined) => void)[] = [];
  private lastRewrite: Uint8Array | undefined;
  /** Engine copies of schema data, by schema id (engine memory is never freed: reused while the data is the same). */
  private readonly schemaCopies = new Map<number, { data: Uint8Array; address: number }>();

  private readonly base: number;

  constructor(private readonly dataplane: Dataplane) {
    this.base = dataplane.engine.componentExports<IoamExports>(["ioamConfigAddress"]).ioamConfigAddress() >>> 0;
    this.write();
  }

  /** A copy of the engine's IOAM block as the nodes read it (the benchmark's C baseline takes it whole). */
  configBlock(): Uint8Array {
    return this.dataplane.engine.memory.slice(this.base, this.base + C.IOAM_CONFIG_SIZE);
  }

  /** Calls `listener` whenever the rewrite changes (the M-Anycast SYN header is built from it). */
  onRewriteChange(listener: (rewrite: Uint8Array | undefined) => void): void {
    this.rewriteListeners.push(listener);
  }

  /** The schema bound to a namespace, if any. */
  schemaOf(namespace: IoamNamespace | undefined): IoamSchema | undefined {
    return namespace?.schema === undefined ? undefined : this.schemas.get(namespace.schema);
  }

  /** The namespace a schema is bound to, if any. */
  namespaceOfSchema(schemaId: number): IoamNamespace | undefined {
    return [...this.namespaces.values()].find((ns) => ns.schema === schemaId);
  }

  /** Binds a schema to a namespace (undefined: none), unbinding it from any other namespace, as Linux does. */
  bindSchema(namespaceId: number, schemaId: number | undefined): void {
    const namespace = this.namespaces.get(namespaceId);
    if (!namespace) throw new Error(`no IOAM namespace ${namespaceId}`);
    if (schemaId !== undefined) {
      const previous = this.namespaceOfSchema(schemaId);
      if (previous) previous.schema = undefined;
    }
    namespace.schema = schemaId;
  }

  interfaceSettings(index: number): IoamInterface {
    return this.interfaces.get(index) ?? DEFAULT_INTERFACE;
  }

  /** The hop-by-hop header the encapsulating node inserts (undefined: none), written at once. */
  setRewrite(rewrite: IoamState["rewrite"]): void {
    this.rewrite = rewrite;
    this.write();
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

  private schemaAddress(schema: IoamSchema): number {
    const padded = new Uint8Array(Math.ceil(schema.data.length / TRACE_WORD) * TRACE_WORD);
    padded.set(schema.data);
    const copy = this.schemaCopies.get(schema.id);
    if (copy && copy.data.length === padded.length && copy.data.every((b, i) => b === padded[i])) return copy.address;
    const address = this.dataplane.engine.allocate(Math.max(padded.length, TRACE_WORD));
    this.dataplane.engine.memory.set(padded, address);
    this.schemaCopies.set(schema.id, { data: padded, address });
    return address;
  }

  private writeBlock(): void {
    // Schema data first: allocating may grow engine memory, which would detach a view taken before.
    const schemaAddresses = new Map<number, number>();
    for (const ns of this.namespaces.values()) {
      const schema = this.schemaOf(ns);
      if (schema) schemaAddresses.set(schema.id, this.schemaAddress(schema));
    }
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
    view.setUint16(b + C.RFC_PROFILE_NAMESPACE, this.rfcProfile?.namespace ?? 0, true);
    view.setUint32(b + C.IOAM6_NODE_ID, this.node.id, true);
    view.setBigUint64(b + C.IOAM6_NODE_ID_WIDE, this.node.wide, true);
    const namespaces = [...this.namespaces.values()];
    view.setUint32(b + C.NAMESPACE_COUNT, namespaces.length, true);
    namespaces.forEach((ns, i) => {
      const entry = b + C.NAMESPACE_TABLE + i * C.NAMESPACE_ENTRY_SIZE;
      view.setUint16(entry + C.NAMESPACE_ID, ns.id, true);
      view.setUint32(entry + C.NAMESPACE_DATA, ns.data, true);
      view.setBigUint64(entry + C.NAMESPACE_DATA_WIDE, ns.wide, true);
      const schema = this.schemaOf(ns);
      view.setUint32(entry + C.NAMESPACE_SCHEMA_WORDS, schema ? snapshotOctets(schema) / TRACE_WORD : 0, true);
      view.setUint32(entry + C.NAMESPACE_SCHEMA_HEADER, schema ? (((snapshotOctets(schema) / TRACE_WORD - 1) << 24) | schema.id) >>> 0 : 0, true);
      view.setUint32(entry + C.NAMESPACE_SCHEMA_DATA, schema ? schemaAddresses.get(schema.id)! : 0, true);
    });
    for (let index = 0; index < C.IOAM6_INTERFACES_MAX; index++) {
      const settings = this.interfaceSettings(index);
      const entry = b + C.IOAM6_INTERFACES + index * C.IOAM6_INTERFACE_SIZE;
      view.setUint32(entry + C.IOAM6_INTERFACE_FLAGS, settings.enabled ? C.IOAM6_INTERFACE_ENABLED : 0, true);
      view.setUint32(entry + C.IOAM6_INTERFACE_ID, settings.id, true);
      view.setUint32(entry + C.IOAM6_INTERFACE_ID_WIDE, settings.wide >>> 0, true);
    }
    const rewrite = this.rewrite?.bytes ?? new Uint8Array(0);
    view.setUint32(b + C.REWRITE_LENGTH, rewrite.length, true);
    this.dataplane.engine.memory.set(rewrite, b + C.REWRITE_BYTES);
    view.setUint32(b + C.EXPORT_RING, this.exportRing, true);
    view.setUint32(b + C.EXPORT_COUNT, 0, true);
  }

  namespaceCapacityLeft(): number {
    return C.NAMESPACE_MAX - this.namespaces.size;
  }

  startExport(): void {
    if (!this.exportRing) this.exportRing = this.dataplane.engine.allocate(C.EXPORT_RECORDS_MAX * C.EXPORT_RECORD_SIZE);
    this.exporting = true;
    this.write();
  }

  /** Where the trace records the engine exported since the last clearExportCount are (EXPORT_RECORD_*). */
  exportRecords(): number[] {
    const count = this.dataplane.engine.memoryView().getUint32(this.base + C.EXPORT_COUNT, true);
    return Array.from({ length: count }, (_, i) => this.exportRing + i * C.EXPORT_RECORD_SIZE);
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
export const ioamState = onePerDataplane((dataplane: Dataplane) => new IoamState(dataplane));
