// Every trace type the CLI accepts, VPP's (option 0x3B) and RFC 9197's (option 0x31), is written by
// the engine and read back by the decoder (the tshark-compatible fields) and by the trace reader
// (trace export) as the same hops: an encapsulating node and two transit nodes stamp one packet,
// and every field of every hop is compared with what the three configurations say it must be.
// The types the CLI refuses are refused with their reason.
import { beforeAll, describe, expect, it } from "vitest";
import { ethernetIp6 } from "../support/hex.js";
import { echoRequest } from "../fib/fib-node.js";
import { testNode, type TestNode } from "../support/engine.js";
import { decodeFrame, LINKTYPE_ETHERNET, renderFieldsLine } from "../../src/host/decode/index.js";
import { readHbhTraces } from "../../src/host/ioam/trace-reader.js";
import { vppSlotSize } from "../../src/host/ioam/trace-sizes.js";
import { TRACE_BIT_OCTETS } from "../../assembly/wire/ioam.layout.js";

const SEC = 1_700_000_000;
const HOP_NSEC = [123_456_789, 223_456_789, 323_456_789];
const RX_IF = 1; // pcap0, every node's only interface: each packet leaves where it came in
const HOP_LIMIT = 64;

function echo(): Uint8Array {
  return ethernetIp6(echoRequest("2001:db8:1::2", "2001:db8:3::2", HOP_LIMIT));
}

const ENCAP_ACL = `
classify table mask l3 ip6 dst acl-miss-next ip6-node ip6-lookup
classify session acl-hit-next ip6-node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst 2001:db8:3::2
set int input acl intfc pcap0 ip6-table 0
`;

/** The packet as it leaves three nodes in a row (each a bump in the wire). */
function throughPath(nodes: TestNode[]): Uint8Array {
  let frame = echo();
  nodes.forEach((node, hop) => {
    const out = node.send([frame], SEC, HOP_NSEC[hop]);
    if (out.length !== 1) throw new Error(`node ${hop + 1} sent ${out.length} frames`);
    frame = out[0];
  });
  return frame;
}

/** The values of `fields` the decoder shows for the frame, comma-joined as `-T fields` prints them. */
function decoded(frame: Uint8Array, fields: readonly string[]): Record<string, string> {
  const d = decodeFrame(frame, LINKTYPE_ETHERNET);
  expect(d.problems).toEqual([]);
  return Object.fromEntries(fields.map((f) => [f, renderFieldsLine(d, [f])]));
}

const hx = (value: number | bigint, digits: number) => `0x${value.toString(16).padStart(digits, "0")}`;

describe("VPP trace types (option 0x3B): written and read back the same", () => {
  const ACCEPTED = Array.from({ length: 0x7f }, (_, i) => i + 1).filter((t) => !(t & 0x60) && vppSlotSize(t) > 0);
  let nodes: TestNode[];

  beforeAll(async () => {
    nodes = [await testNode(), await testNode(), await testNode()];
    nodes[0].cli(ENCAP_ACL);
  });

  it("the CLI accepts the 31 types of bits 0x01-0x10 and refuses the loopback flags, with the reason", async () => {
    expect(ACCEPTED).toHaveLength(31);
    const node = await testNode();
    for (let type = 1; type <= 0x7f; type++) {
      const problems = () => node.cli(`set ioam-trace profile trace-type 0x${type.toString(16)} trace-elts 3 node-id 1`);
      if (ACCEPTED.includes(type)) expect(problems).not.toThrow();
      else expect(problems).toThrow(type & 0x20 ? /loopback \(0x20\) is not supported/ : /loopback reply \(0x40\)/);
    }
  });

  it("every accepted type: three hops, every field, by the decoder and by the trace reader", () => {
    for (const type of ACCEPTED) {
      nodes.forEach((node, hop) => {
        const id = hop + 1;
        node.cli(`set ioam-trace profile trace-type 0x${type.toString(16)} trace-elts 3 trace-tsp 2 node-id 0x${id} app-data 0x${(0xa0 + id).toString(16)}`);
      });
      nodes[0].cli("set ioam rewrite trace");
      const frame = throughPath(nodes);
      // Most recent hop first, as the option holds them.
      const hops = [2, 1, 0];
      const expected: Record<string, string[]> = {};
      const put = (field: string, value: string) => (expected[`ipv6.opt.vpp.trace.node.${field}`] ??= []).push(value);
      for (const hop of hops) {
        if (type & 0x01) {
          put("hlim", String(HOP_LIMIT)); // VPP records the hop limit as received; these nodes do not decrement
          put("id", hx(hop + 1, 6));
        }
        if (type & 0x06) {
          put("ingress_if", hx(type & 0x02 ? RX_IF : 0, 4));
          put("egress_if", hx(type & 0x04 ? RX_IF : 0, 4));
        }
        if (type & 0x08) put("timestamp", hx((SEC * 1_000_000 + Math.floor(HOP_NSEC[hop] / 1000)) % 2 ** 32, 8));
        if (type & 0x10) put("app_data", hx(0xa1 + hop, 8));
      }
      const fields = ["ipv6.opt.vpp.trace.type", "ipv6.opt.vpp.trace.elts_left", ...Object.keys(expected)];
      expect(decoded(frame, fields), `type 0x${type.toString(16)}`).toEqual({
        "ipv6.opt.vpp.trace.type": hx(type, 2),
        "ipv6.opt.vpp.trace.elts_left": "0",
        ...Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, v.join(",")])),
      });
      const [trace] = readHbhTraces(frame.subarray(14 + 40));
      expect(
        trace.hops.map((h) => h.nodeId),
        `type 0x${type.toString(16)}`,
      ).toEqual(type & 0x01 ? [1, 2, 3] : [0, 0, 0]);
      expect(trace.hops.map((h) => h.appData)).toEqual(type & 0x10 ? [0xa1, 0xa2, 0xa3] : [undefined, undefined, undefined]);
    }
    for (const node of nodes) expect(node.engine.boundsViolations()).toBe(0);
  });

  // ip6-hop-by-hop reuses a vector's interface word and timestamp from packet to packet while the
  // trace type, the interfaces and the time stay the same, and takes the profile once a vector.
  it("a vector of mixed types stamps each packet as it would alone; the next vector takes its own time and unit", () => {
    const types = [0x1f, 0x03, 0x05, 0x0e, 0x1f, 0x19, 0x1f];
    const frames = types.map((type) => {
      nodes[0].cli(`set ioam-trace profile trace-type 0x${type.toString(16)} trace-elts 3 trace-tsp 2 node-id 0x1 app-data 0xa1`);
      nodes[0].cli("set ioam rewrite trace");
      return throughPath([nodes[0]]);
    });
    const transit = nodes[1];
    transit.cli("set ioam-trace profile trace-type 0x1f trace-elts 3 trace-tsp 2 node-id 0x2 app-data 0xa2");
    const alone = frames.map((frame) => transit.send([frame], SEC, HOP_NSEC[1])[0]);
    expect(new Set(alone.map((frame) => frame.join())).size).toBe(new Set(types).size);
    expect(transit.send(frames, SEC, HOP_NSEC[1])).toEqual(alone);
    transit.cli("set ioam-trace profile trace-type 0x1f trace-elts 3 trace-tsp 1 node-id 0x2 app-data 0xa2");
    const [later] = transit.send([frames[0]], SEC + 1, HOP_NSEC[2]);
    const [trace] = readHbhTraces(later.subarray(14 + 40));
    expect(trace.hops[1].timestamp).toBe(((SEC + 1) * 1000 + Math.floor(HOP_NSEC[2] / 1_000_000)) % 2 ** 32);
    expect(transit.engine.boundsViolations()).toBe(0);
  });
});

// RFC 9197 trace-type bits the CLI accepts (Linux's encap rule): 0-11 and 22.
const RFC_BITS = [...Array.from({ length: 12 }, (_, b) => 0x800000 >>> b), 0x000002];
const NS = 123;
const SCHEMA = "c0ffee42"; // 4 octets: every node's OSS is 8 octets

interface NodeIds {
  id: number;
  wide: bigint;
  ifId: number;
  ifWide: number;
  nsData: number;
  nsWide: bigint;
}

const IDS: NodeIds[] = [1, 2, 3].map((n) => ({
  id: n,
  wide: BigInt(n) * 0x01010101010101n,
  ifId: 0x100 + n,
  ifWide: 0xffffff00 + n, // wide interface ids near the top, 0xffffffff's neighbours
  nsData: 0xdead0000 + n,
  nsWide: 0xcafe000000000000n + BigInt(n),
}));

describe("RFC 9197 trace types (option 0x31): written and read back the same", () => {
  let nodes: TestNode[];

  beforeAll(async () => {
    nodes = [await testNode("release"), await testNode("release"), await testNode("release")];
    nodes.forEach((node, hop) => {
      const n = IDS[hop];
      node.cli(`set ioam6 schema 7 data 0x${SCHEMA}
set ioam6 namespace ${NS} data ${hx(n.nsData, 8)} wide ${hx(n.nsWide, 16)} schema 7
set ioam6 node-id ${n.id} wide ${hx(n.wide, 14)}
set interface ioam6 pcap0 enable id ${n.ifId} wide ${hx(n.ifWide, 8)}`);
    });
    nodes[0].cli(ENCAP_ACL);
  });

  /** The decoder's fields for three hops of `type`, most recent first. */
  function expectedFields(type: number): Record<string, string> {
    const fields: Record<string, string[]> = {};
    const put = (field: string, value: string) => (fields[`ipv6.opt.ioam.trace.node.${field}`] ??= []).push(value);
    for (const hop of [2, 1, 0]) {
      const n = IDS[hop];
      // Linux: the encapsulating node records the hop limit it sends (64, a bump in the wire), a
      // node that received the packet its hop limit minus one.
      const hlim = hop === 0 ? HOP_LIMIT : HOP_LIMIT - 1;
      if (type & 0x800000) {
        put("hlim", String(hlim));
        put("id", hx(n.id, 6));
      }
      if (type & 0x400000) {
        put("iif", hx(n.ifId, 4));
        put("eif", hx(n.ifId, 4));
      }
      if (type & 0x200000) put("tss", hx(SEC, 8));
      if (type & 0x100000) put("tsf", hx(Math.floor(HOP_NSEC[hop] / 1000), 8));
      if (type & 0x080000) put("trdelay", "0xffffffff");
      if (type & 0x040000) put("nsdata", hx(n.nsData, 8));
      if (type & 0x020000) put("qdepth", "0x00000000"); // nothing else queued for pcap0
      if (type & 0x010000) put("csum", "0xffffffff");
      if (type & 0x008000) {
        put("hlim", String(hlim));
        put("id_wide", hx(n.wide, 16)); // tshark prints the 56-bit id in 16 digits
      }
      if (type & 0x004000) {
        put("iif_wide", hx(n.ifWide, 8));
        put("eif_wide", hx(n.ifWide, 8));
      }
      if (type & 0x002000) put("nsdata_wide", hx(n.nsWide, 16));
      if (type & 0x001000) put("bufoccup", "0xffffffff");
      if (type & 0x000002) {
        put("oss.len", "1");
        put("oss.scid", hx(7, 6));
        put("oss.data", SCHEMA);
      }
    }
    // NodeLen 0 (the snapshot alone): tshark shows no node data in its fields (it calls NodeLen 0
    // invalid), nor does the decoder, which shows it in the tree only; the trace reader reads it.
    const ossOnly = type === 0x000002;
    return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, ossOnly ? "" : v.join(",")]));
  }

  it("every accepted type (all 8191 combinations of bits 0-11 and 22): three hops, every field", () => {
    let checked = 0;
    for (let combination = 1; combination < 1 << RFC_BITS.length; combination++) {
      const type = RFC_BITS.reduce((t, bit, k) => (combination & (1 << k) ? t | bit : t), 0);
      nodes[0].cli(`set ioam-trace profile format rfc9197 namespace ${NS} trace-type ${hx(type, 6)} trace-elts 3\nset ioam rewrite trace`);
      const frame = throughPath(nodes);
      const expected = expectedFields(type);
      const header = { "ipv6.opt.ioam.trace.type": hx(type, 6), "ipv6.opt.ioam.trace.remlen": "0", "ipv6.opt.ioam.trace.flag.o": "0" };
      const got = decoded(frame, [...Object.keys(header), ...Object.keys(expected)]);
      if (JSON.stringify(got) !== JSON.stringify({ ...header, ...expected })) expect(got, `type ${hx(type, 6)}`).toEqual({ ...header, ...expected });
      const [trace] = readHbhTraces(frame.subarray(14 + 40));
      const ids = type & 0x800000 ? [1, 2, 3] : [0, 0, 0];
      const snapshots = type & 0x000002 ? [SCHEMA, SCHEMA, SCHEMA] : [undefined, undefined, undefined];
      const read = { ids: trace.hops.map((h) => h.nodeId), snapshots: trace.hops.map((h) => h.snapshotData) };
      if (JSON.stringify(read) !== JSON.stringify({ ids, snapshots })) expect(read, `type ${hx(type, 6)}`).toEqual({ ids, snapshots });
      checked++;
    }
    expect(checked).toBe(8191);
    expect(RFC_BITS.reduce((sum, bit) => sum + TRACE_BIT_OCTETS[23 - Math.log2(bit)], 0)).toBe(60); // NodeLen 15 for 0xfff002
  });

  it("refuses the other bits, with the reason", async () => {
    const node = await testNode();
    for (let bit = 0; bit < 24; bit++) {
      const type = 0x800000 >>> bit;
      const line = () => node.cli(`set ioam-trace profile format rfc9197 namespace 1 trace-type ${hx(type, 6)} size 8`);
      if (RFC_BITS.includes(type)) expect(line).not.toThrow();
      else expect(line).toThrow(/only bits 0-11 and 22 \(mask 0xfff002\) can be encapsulated/);
    }
  });
});
