// What the Linux kernel's IOAM selftest checks on a received packet (tools/testing/selftests/net/
// ioam6_parser.c, the version that goes with ioam6.sh's Alpha/Beta/Gamma topology), translated into
// TypeScript: the hop-by-hop layout Linux's encapsulation emits, the trace header each test case
// expects, and every field of the tested node's data. Each check returns the reasons it failed
// (empty: passed) instead of the C program's exit status, so a failure says which field.
//
// Two places where the C checks are weaker than they mean to be are translated as meant: the
// leading PadN must be `01 00` and the trailing one (size % 8 == 4) `01 02 00 00` (the C code
// joins its tests with &&, so either octet being right passes).

/** One node's IOAM configuration, as ioam6.sh sets it and ioam6_parser.c expects it. */
export interface SelftestNode {
  id: number;
  wide: bigint;
  ingressId: number;
  egressId: number;
  ingressWide: number;
  egressWide: number;
  nsData: number;
  nsWide: bigint;
  schemaId: number;
  schemaData: string | undefined;
  hopLimit: number;
}

/** Alpha, the encapsulating node (ALPHA in ioam6.sh, node1 in the parser). */
export const ALPHA: SelftestNode = {
  id: 1,
  wide: 11111111n,
  ingressId: 0xffff,
  egressId: 101,
  ingressWide: 0xffffffff,
  egressWide: 101101,
  nsData: 0xdeadbeef,
  nsWide: 0xcafec0caf00dc0den,
  schemaId: 777,
  schemaData: "something that will be 4n-aligned",
  hopLimit: 64,
};

/** Beta, the transit node (BETA in ioam6.sh, node2 in the parser): namespace 123 without data or schema. */
export const BETA: SelftestNode = {
  id: 2,
  wide: 22222222n,
  ingressId: 201,
  egressId: 202,
  ingressWide: 201201,
  egressWide: 202202,
  nsData: 0xffffffff,
  nsWide: 0xffffffffffffffffn,
  schemaId: 0xffffff,
  schemaData: undefined,
  hopLimit: 63,
};

const IPV6_HEADER = 40;
const NEXT_HEADER_HOP_BY_HOP = 0;
const NEXT_HEADER_ICMPV6 = 58;
const OPTION_PADN = 1;
const OPTION_IOAM = 0x31;
const IOAM_PREALLOCATED_TRACE = 0;
const TRACE_HEADER = 8;

export type Direction = "output" | "input";

/** A trace header and its node data list as the parser sees them. */
export interface TraceView {
  namespace: number;
  nodeLen: number;
  overflow: boolean;
  remLen: number;
  type: number;
  /** The node data list (remLen free words, then the nodes' data). */
  data: Uint8Array;
}

const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const u32 = (b: Uint8Array, o: number) => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
const u64 = (b: Uint8Array, o: number) => (BigInt(u32(b, o)) << 32n) | BigInt(u32(b, o + 4));
const bit = (type: number, n: number) => (type & (0x800000 >>> n)) !== 0;

/**
 * The checks of main(): next header, hop-by-hop length for this trace size, the leading PadN, the
 * IOAM option with its length and type, the trailing PadN; returns the trace or the reasons.
 */
export function locateTrace(ipv6: Uint8Array, size: number): { trace?: TraceView; problems: string[] } {
  const problems: string[] = [];
  if (ipv6.length < IPV6_HEADER + 2 || ipv6[6] !== NEXT_HEADER_HOP_BY_HOP) return { problems: ["no hop-by-hop header"] };
  const hbh = IPV6_HEADER;
  // HBH header (2) + PadN (2) + IOAM option header (4) + trace header (8) + size + optional padding.
  const expectedLength = 2 + 2 + 4 + TRACE_HEADER + size + (size % 8);
  if (ipv6[hbh] !== NEXT_HEADER_ICMPV6) problems.push(`hop-by-hop next header ${ipv6[hbh]}, not ICMPv6 (inline mode)`);
  if (ipv6[hbh + 1] !== expectedLength / 8 - 1) problems.push(`hop-by-hop length ${(ipv6[hbh + 1] + 1) * 8}, not ${expectedLength}`);
  if (ipv6[hbh + 2] !== OPTION_PADN || ipv6[hbh + 3] !== 0) problems.push("no 2-octet PadN before the IOAM option");
  const option = hbh + 4;
  if (ipv6[option] !== OPTION_IOAM) return { problems: [...problems, `option ${ipv6[option]} where the IOAM option (0x31) should be`] };
  if (ipv6[option + 1] !== 2 + TRACE_HEADER + size) problems.push(`IOAM option length ${ipv6[option + 1]}, not ${2 + TRACE_HEADER + size}`);
  if (ipv6[option + 3] !== IOAM_PREALLOCATED_TRACE) problems.push(`IOAM option type ${ipv6[option + 3]}, not the pre-allocated trace`);
  const trace = option + 4;
  const after = trace + TRACE_HEADER + size;
  if (size % 8 && (ipv6[after] !== OPTION_PADN || ipv6[after + 1] !== 2 || ipv6[after + 2] !== 0 || ipv6[after + 3] !== 0)) {
    problems.push("no 4-octet PadN after the trace");
  }
  const word = u16(ipv6, trace + 2);
  return {
    problems,
    trace: {
      namespace: u16(ipv6, trace),
      nodeLen: word >> 11,
      overflow: ((word >> 10) & 1) === 1,
      remLen: word & 0x7f,
      type: u32(ipv6, trace + 4) >>> 8,
      data: ipv6.subarray(trace + TRACE_HEADER, trace + TRACE_HEADER + size),
    },
  };
}

/** check_header(): namespace and type, then O / NodeLen / RemainingLen as the test case expects. */
export function checkHeader(test: string, t: TraceView, type: number, size: number, namespace: number): string[] {
  if (t.namespace !== namespace || t.type !== type) return [`namespace ${t.namespace} type 0x${t.type.toString(16)}, not ${namespace} 0x${type.toString(16)}`];
  const expect = (overflow: boolean, nodeLen: number, remLen: number): string[] =>
    t.overflow === overflow && t.nodeLen === nodeLen && t.remLen === remLen
      ? []
      : [`O ${+t.overflow} NodeLen ${t.nodeLen} RemainingLen ${t.remLen}, not O ${+overflow} NodeLen ${nodeLen} RemainingLen ${remLen}`];
  const name = test.replace(/^(output|input)_/, "");
  if (name === "undef_ns" || name === "disabled") return expect(false, 1, 1);
  if (name === "no_room" || name === "oflag") return expect(true, 2, 1);
  if (test === "output_no_room_oss") return expect(true, 0, 1);
  if (test === "input_no_room_oss" || name === "bit22") return expect(false, 0, 0);
  const bitMatch = /^bit(\d+)$/.exec(name);
  if (bitMatch) return expect(false, [8, 9, 10].includes(Number(bitMatch[1])) ? 2 : 1, 0);
  if (/^size\d+$/.test(name)) return test.startsWith("output") ? expect(false, 1, size / 4) : expect(false, 1, size / 4 - 1);
  if (name === "full_supp_trace") return expect(false, 15, 0);
  return [`unknown test ${test}`];
}

/**
 * check_data(): the free space is zero, then each field of the node that wrote last. `received`
 * says whether that node stamped a packet it received (timestamps must be real ones); Linux's
 * encapsulating node on its own packets writes all-ones timestamps, which the parser requires for
 * the output tests.
 */
export function checkData(t: TraceView, size: number, node: SelftestNode, received: boolean): string[] {
  const problems: string[] = [];
  const { type, data } = t;
  for (let n = 12; n <= 21; n++) if (bit(type, n)) return [`undefined bit ${n} set`];
  if (bit(type, 23)) return ["bit 23 set"];
  if (data.subarray(0, t.remLen * 4).some((b) => b !== 0)) problems.push("free space not zero");
  if (t.remLen * 4 === size) return problems;
  let p = t.remLen * 4;
  const word = (): number => {
    const v = u32(data, p);
    p += 4;
    return v;
  };
  const check = (what: string, got: number | bigint, expected: number | bigint) => {
    if (got !== expected) problems.push(`${what} 0x${got.toString(16)}, not 0x${expected.toString(16)}`);
  };
  const timestamp = (what: string, v: number) => {
    if (received ? v === 0 || v === 0xffffffff : v !== 0xffffffff) problems.push(`${what} 0x${v.toString(16)}`);
  };
  if (bit(type, 0)) {
    const v = word();
    check("hop limit", v >>> 24, node.hopLimit);
    check("node id", v & 0xffffff, node.id);
  }
  if (bit(type, 1)) {
    const v = word();
    check("ingress id", v >>> 16, node.ingressId);
    check("egress id", v & 0xffff, node.egressId);
  }
  if (bit(type, 2)) timestamp("timestamp seconds", word());
  if (bit(type, 3)) timestamp("timestamp fraction", word());
  if (bit(type, 4)) check("transit delay", word(), 0xffffffff);
  if (bit(type, 5)) check("namespace data", word(), node.nsData);
  if (bit(type, 6)) {
    const v = word();
    if (v === 0xffffffff) problems.push("queue depth unavailable (0xffffffff)");
  }
  if (bit(type, 7)) check("checksum complement", word(), 0xffffffff);
  if (bit(type, 8)) {
    const v = u64(data, p);
    p += 8;
    check("wide hop limit", Number(v >> 56n), node.hopLimit);
    check("wide node id", v & 0xffffffffffffffn, node.wide);
  }
  if (bit(type, 9)) {
    check("wide ingress id", word(), node.ingressWide);
    check("wide egress id", word(), node.egressWide);
  }
  if (bit(type, 10)) {
    check("wide namespace data", u64(data, p), node.nsWide);
    p += 8;
  }
  if (bit(type, 11)) check("buffer occupancy", word(), 0xffffffff);
  if (bit(type, 22)) {
    const text = node.schemaData ?? "";
    const aligned = node.schemaData === undefined ? 0 : Math.ceil(text.length / 4) * 4;
    const v = word();
    check("snapshot length", (v >>> 24) * 4, aligned);
    check("schema id", v & 0xffffff, node.schemaId);
    if (node.schemaData !== undefined) {
      const got = new TextDecoder().decode(data.subarray(p, p + text.length));
      if (got !== text) problems.push(`schema data '${got}', not '${text}'`);
      if (data.subarray(p + text.length, p + aligned).some((b) => b !== 0)) problems.push("schema padding not zero");
    }
  }
  return problems;
}

/**
 * The whole check of one captured IPv6 packet for test `test`: layout, header, then the data of the
 * node the test is about (Alpha for output tests, Beta for input tests).
 */
export function checkPacket(ipv6: Uint8Array, test: string, type: number, size: number, namespace: number, opts: { alphaReceived: boolean }): string[] {
  const { trace, problems } = locateTrace(ipv6, size);
  if (!trace) return problems;
  const header = checkHeader(test, trace, type, size, namespace);
  if (header.length) return [...problems, ...header];
  const output = test.startsWith("output");
  return [...problems, ...checkData(trace, size, output ? ALPHA : BETA, output ? opts.alphaReceived : true)];
}
