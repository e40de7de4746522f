// RFC 9197 pre-allocated trace in an RFC 9486 option (0x31), updated the way the Linux kernel does
// (net/ipv6/ioam6.c): 4n alignment, NodeLen checked against the trace type, data written from the
// end of the free space, Overflow set when there is no room, unknown namespaces left alone.
import {
  IOAM_DATA,
  IOAM_OPTION_TYPE,
  IOAM_TYPE_PREALLOC_TRACE,
  TRACE_BIT_BUFFER_OCCUPANCY,
  TRACE_BIT_CHECKSUM_COMPLEMENT,
  TRACE_BIT_HOPLIM_NODE_ID,
  TRACE_BIT_HOPLIM_NODE_ID_WIDE,
  TRACE_BIT_IF_IDS,
  TRACE_BIT_IF_IDS_WIDE,
  TRACE_BIT_NS_DATA,
  TRACE_BIT_NS_DATA_WIDE,
  TRACE_BIT_OSS,
  TRACE_BIT_QUEUE_DEPTH,
  TRACE_BIT_TRANSIT_DELAY,
  TRACE_BIT_TS_FRACTION,
  TRACE_BIT_TS_SECONDS,
  TRACE_BITS_UNDEFINED,
  TRACE_FLAGS_SHIFT,
  TRACE_FLAG_OVERFLOW,
  TRACE_HEADER_LENGTH,
  TRACE_NAMESPACE,
  TRACE_NODELEN_FLAGS_REMLEN,
  TRACE_NODELEN_SHIFT,
  TRACE_REMLEN_MASK,
  TRACE_TYPE,
  TRACE_WORD,
} from "../wire/ioam.layout";
import { OPTION_LENGTH } from "../wire/options.layout";
import {
  IOAM6_DEFAULT_INTERFACE_ID,
  IOAM6_DEFAULT_INTERFACE_ID_WIDE,
  IOAM6_INTERFACES,
  IOAM6_INTERFACES_MAX,
  IOAM6_INTERFACE_FLAGS,
  IOAM6_INTERFACE_ENABLED,
  IOAM6_INTERFACE_ID,
  IOAM6_INTERFACE_ID_WIDE,
  IOAM6_INTERFACE_SIZE,
  IOAM6_NODE_ID,
  IOAM6_NODE_ID_WIDE,
  NAMESPACE_COUNT,
  NAMESPACE_DATA,
  NAMESPACE_DATA_WIDE,
  NAMESPACE_ENTRY_SIZE,
  NAMESPACE_ID,
  NAMESPACE_SCHEMA_DATA,
  NAMESPACE_SCHEMA_HEADER,
  NAMESPACE_SCHEMA_WORDS,
  NAMESPACE_TABLE,
} from "./ioam-config.layout";
import { copyIntoPacket, ld8, ld16, ld32, st16, st32, st64 } from "../engine/bytes";
import { txQueueDepth } from "../engine/tx-queue";
import { rfcNodeLength } from "./trace-sizes";
import {
  ERR_NONE,
  ERR_RFC_TRACE_BAD_NODELEN,
  ERR_RFC_TRACE_OVERFLOW,
  ERR_RFC_TRACE_TRUNCATED,
  ERR_RFC_TRACE_UNKNOWN_NAMESPACE,
  ERR_RFC_TRACE_UPDATED,
} from "../graph/graph.layout";

const ALL_ONES: u32 = 0xffffffff;
// An Opaque State Snapshot without a schema: length 0, schema id 0xFFFFFF (what Linux writes).
const OSS_NO_SCHEMA: u32 = 0x00ffffff;

/** Address of the namespace entry for `id`, or 0 when this node does not know the namespace. */
function findNamespace(config: usize, id: u32): usize {
  const count = load<u32>(config, NAMESPACE_COUNT);
  for (let i: u32 = 0; i < count; i++) {
    const entry = config + NAMESPACE_TABLE + <usize>i * NAMESPACE_ENTRY_SIZE;
    if (<u32>load<u16>(entry, NAMESPACE_ID) == id) return entry;
  }
  return 0;
}

/** The interface's IOAM record, or 0 past the table (IOAM off, default ids). */
@inline function interfaceRecord(config: usize, ifIndex: u32): usize {
  return ifIndex < <u32>IOAM6_INTERFACES_MAX ? config + IOAM6_INTERFACES + <usize>ifIndex * IOAM6_INTERFACE_SIZE : 0;
}

/** Whether RFC 9197 traces arriving on `rxIf` are processed (Linux's ioam6_enabled, off by default). */
export function ioamEnabledOn(config: usize, rxIf: u32): bool {
  const record = interfaceRecord(config, rxIf);
  return record != 0 && (load<u32>(record, IOAM6_INTERFACE_FLAGS) & IOAM6_INTERFACE_ENABLED) != 0;
}

@inline function interfaceId(config: usize, ifIndex: u32): u32 {
  const record = interfaceRecord(config, ifIndex);
  return record ? load<u32>(record, IOAM6_INTERFACE_ID) & 0xffff : IOAM6_DEFAULT_INTERFACE_ID;
}

@inline function interfaceIdWide(config: usize, ifIndex: u32): u32 {
  const record = interfaceRecord(config, ifIndex);
  return record ? load<u32>(record, IOAM6_INTERFACE_ID_WIDE) : IOAM6_DEFAULT_INTERFACE_ID_WIDE;
}

/**
 * Updates the trace in the 0x31 option at `option` (its type octet), already checked to lie inside
 * its header and to start at a 4n offset, in the order and with the values of Linux's
 * ioam6_fill_trace_data. `hopLimit` is the value to record: the caller decides it (a receiving
 * node records its hop limit minus one, the encapsulating node the one the packet leaves with).
 * Returns the reason to count; a *_TRUNCATED or *_BAD_NODELEN result means the packet must be
 * dropped, as Linux does.
 */
@inline export function rfcTraceUpdate(
  option: usize,
  config: usize,
  hopLimit: u32,
  rxIf: u32,
  txIf: u32,
  sec: u32,
  nsec: u32,
): i32 {
  const optionLength = <usize>ld8(option + OPTION_LENGTH);
  if (optionLength < 2) return ERR_RFC_TRACE_TRUNCATED;
  if (ld8(option + IOAM_OPTION_TYPE) != IOAM_TYPE_PREALLOC_TRACE) return ERR_NONE; // not a trace we fill
  if (optionLength < <usize>(2 + TRACE_HEADER_LENGTH)) return ERR_RFC_TRACE_TRUNCATED;
  const trace = option + IOAM_DATA;
  const word = ld16(trace + TRACE_NODELEN_FLAGS_REMLEN);
  const remaining = word & TRACE_REMLEN_MASK;
  const nodeLen = word >> TRACE_NODELEN_SHIFT;
  if (<usize>(2 + TRACE_HEADER_LENGTH) + <usize>remaining * <usize>TRACE_WORD > optionLength) return ERR_RFC_TRACE_TRUNCATED;
  const type = ld32(trace + TRACE_TYPE) >> 8;
  if (nodeLen != rfcNodeLength(type)) return ERR_RFC_TRACE_BAD_NODELEN;
  const namespace = findNamespace(config, ld16(trace + TRACE_NAMESPACE));
  if (!namespace) return ERR_RFC_TRACE_UNKNOWN_NAMESPACE;
  if ((word >> TRACE_FLAGS_SHIFT) & TRACE_FLAG_OVERFLOW) return ERR_RFC_TRACE_OVERFLOW;
  // NodeLen leaves the Opaque State Snapshot out: one header word, plus the namespace's schema.
  const schemaWords = load<u32>(namespace, NAMESPACE_SCHEMA_WORDS);
  const snapshotWords: u32 = type & TRACE_BIT_OSS ? (schemaWords ? schemaWords : 1) : 0;
  const needed = nodeLen + snapshotWords;
  if (remaining == 0 || remaining < needed) {
    st16(trace + TRACE_NODELEN_FLAGS_REMLEN, word | (TRACE_FLAG_OVERFLOW << TRACE_FLAGS_SHIFT));
    return ERR_RFC_TRACE_OVERFLOW;
  }
  let p = trace + TRACE_HEADER_LENGTH + <usize>(remaining - needed) * TRACE_WORD;
  if (type & TRACE_BIT_HOPLIM_NODE_ID) {
    st32(p, ((hopLimit & 0xff) << 24) | (load<u32>(config, IOAM6_NODE_ID) & 0xffffff));
    p += 4;
  }
  if (type & TRACE_BIT_IF_IDS) {
    st32(p, (interfaceId(config, rxIf) << 16) | interfaceId(config, txIf));
    p += 4;
  }
  if (type & TRACE_BIT_TS_SECONDS) {
    st32(p, sec);
    p += 4;
  }
  if (type & TRACE_BIT_TS_FRACTION) {
    st32(p, nsec / 1000); // POSIX format (microseconds), as Linux writes
    p += 4;
  }
  // Transit delay: this node cannot supply it.
  if (type & TRACE_BIT_TRANSIT_DELAY) {
    st32(p, ALL_ONES);
    p += 4;
  }
  if (type & TRACE_BIT_NS_DATA) {
    st32(p, load<u32>(namespace, NAMESPACE_DATA));
    p += 4;
  }
  // Queue depth: what the engine holds for the egress interface now, in packets.
  if (type & TRACE_BIT_QUEUE_DEPTH) {
    st32(p, txQueueDepth(txIf));
    p += 4;
  }
  if (type & TRACE_BIT_CHECKSUM_COMPLEMENT) {
    st32(p, ALL_ONES);
    p += 4;
  }
  if (type & TRACE_BIT_HOPLIM_NODE_ID_WIDE) {
    st64(p, (<u64>(hopLimit & 0xff) << 56) | (load<u64>(config, IOAM6_NODE_ID_WIDE) & 0x00ffffffffffffff));
    p += 8;
  }
  if (type & TRACE_BIT_IF_IDS_WIDE) {
    st32(p, interfaceIdWide(config, rxIf));
    st32(p + 4, interfaceIdWide(config, txIf));
    p += 8;
  }
  if (type & TRACE_BIT_NS_DATA_WIDE) {
    st64(p, load<u64>(namespace, NAMESPACE_DATA_WIDE));
    p += 8;
  }
  if (type & TRACE_BIT_BUFFER_OCCUPANCY) {
    st32(p, ALL_ONES);
    p += 4;
  }
  for (let undefinedBits = <u32>popcnt(type & TRACE_BITS_UNDEFINED); undefinedBits > 0; undefinedBits--) {
    st32(p, ALL_ONES);
    p += 4;
  }
  if (snapshotWords) {
    if (schemaWords) {
      st32(p, load<u32>(namespace, NAMESPACE_SCHEMA_HEADER));
      copyIntoPacket(p + 4, <usize>load<u32>(namespace, NAMESPACE_SCHEMA_DATA), <usize>(schemaWords - 1) * TRACE_WORD);
    } else {
      st32(p, OSS_NO_SCHEMA);
    }
  }
  st16(trace + TRACE_NODELEN_FLAGS_REMLEN, word - needed);
  return ERR_RFC_TRACE_UPDATED;
}
