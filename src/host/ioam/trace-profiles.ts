// The IOAM trace profiles a node can hold: VPP's (option 0x3B) and RFC 9197's (option 0x31).
export type TimestampPrecision = 0 | 1 | 2 | 3; // seconds, milliseconds, microseconds, nanoseconds

export const PRECISION_NAMES = ["Seconds", "Milliseconds", "Microseconds", "Nanoseconds"];

export interface VppTraceProfile {
  traceType: number; // 8 bits
  elements: number;
  precision: TimestampPrecision;
  nodeId: number;
  appData: number;
}

export interface RfcTraceProfile {
  namespace: number;
  traceType: number; // 24 bits
  /** Octets of node data the encapsulating node pre-allocates (Linux's `size`, 4..244, 4n). */
  dataOctets: number;
  /** When the profile gave `trace-elts`: how many nodes' data that is. */
  elements?: number;
}

/** This node's IOAM identity (Linux's net.ipv6.ioam6_id and ioam6_id_wide). */
export interface IoamNodeIdentity {
  id: number; // 24 bits, default 0xFFFFFF
  wide: bigint; // 56 bits, default 0x00FFFFFFFFFFFFFF
}

/** A schema (Linux's `ip ioam schema add ID DATA`): what an Opaque State Snapshot carries. */
export interface IoamSchema {
  id: number; // 24 bits
  data: Uint8Array; // as given; sent zero-padded to 4n
}

export interface IoamNamespace {
  id: number;
  data: number; // 32 bits, all-ones by default as in Linux
  wide: bigint; // 64 bits
  /** The bound schema's id (one schema per namespace and one namespace per schema, as Linux). */
  schema?: number;
}

/** Per interface, as Linux's net.ipv6.conf.IF.ioam6_enabled / ioam6_id / ioam6_id_wide. */
export interface IoamInterface {
  enabled: boolean;
  id: number; // 16 bits, default 0xFFFF
  wide: number; // 32 bits, default 0xFFFFFFFF
}
