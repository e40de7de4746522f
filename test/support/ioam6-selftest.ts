// The Linux kernel's IOAM selftest (tools/testing/selftests/net/ioam6.sh), translated: its test
// cases with their trace type, size and namespace, and manycast configured as its Alpha (the
// encapsulating node) and as its Beta (the transit router), each with the ids, namespaces and
// schema ioam6.sh gives that node. Only the inline mode exists here: manycast inserts a hop-by-hop
// header into the packet as VPP does; Linux's `encap` mode (an IPv6-in-IPv6 tunnel to `tundst`)
// has no counterpart (docs/linux-differences.md).
import { readFileSync } from "node:fs";
import { WasmEngine } from "../../src/host/engine/wasm-engine.js";
import { Dataplane } from "../../src/host/dataplane/dataplane.js";
import { engineWasmPath } from "../../src/io/engine-file.js";
import { LINKTYPE_ETHERNET } from "../../src/host/capture/link-types.js";
import { ALPHA, BETA } from "./ioam6-parser.js";
import { cliRunner } from "./engine.js";
import { ethernet, ip6Packet, PROTO_ICMPV6, withUpperChecksum } from "../fib/fib-node.js";

export const ALPHA_ADDRESS = "2001:db8:1::2";
export const GAMMA_ADDRESS = "2001:db8:2::2";
export const NS = 123;

/** ioam6.sh's bit2type and bit2size: trace type and size for "bit n only". */
export const BIT_TYPE = Array.from({ length: 24 }, (_, n) => 0x800000 >>> n);
export const BIT_SIZE = [4, 4, 4, 4, 4, 4, 4, 4, 8, 8, 8, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0];
export const SUPPORTED_BITS = [...Array.from({ length: 12 }, (_, n) => n), 22];

const aligned = (text: string | undefined) => (text === undefined ? 0 : Math.ceil(text.length / 4) * 4);

export interface SelftestCase {
  /** ioam6.sh's name for the packet check (run_test's first argument). */
  name: string;
  /** ioam6.sh's description, as it logs the test. */
  description: string;
  type: number;
  size: number;
  namespace: number;
  /** Alpha knows namespace 123: with its data, wide data and schema ("full"), with nothing ("bare", input_oflag), or not at all. */
  alphaNamespace: "full" | "bare" | "none";
  /** Beta processes IOAM on its ingress (all but input_disabled). */
  betaEnabled: boolean;
}

function fullTraceSize(schema: string | undefined): number {
  return aligned(schema) + SUPPORTED_BITS.reduce((sum, n) => sum + BIT_SIZE[n], 0);
}

/** The OUTPUT tests (Alpha encapsulates, Beta forwards with IOAM off), inline mode. */
export function outputCases(): SelftestCase[] {
  const c = (name: string, description: string, type: number, size: number, namespace: number): SelftestCase => ({
    name,
    description,
    type,
    size,
    namespace,
    alphaNamespace: "full",
    betaEnabled: false,
  });
  return [
    c("output_undef_ns", "Unknown IOAM Namespace-ID", 0x800000, 4, 0),
    c("output_no_room", "Missing room for data", 0xc00000, 4, NS),
    c("output_no_room_oss", "Missing room for Opaque State Snapshot", 0x000002, 4, NS),
    ...SUPPORTED_BITS.map((n) =>
      c(`output_bit${n}`, `Trace Type with supported bit ${n} only`, BIT_TYPE[n], n === 22 ? BIT_SIZE[n] + aligned(ALPHA.schemaData) : BIT_SIZE[n], NS),
    ),
    ...Array.from({ length: 61 }, (_, k) => (k + 1) * 4).map((size) => c(`output_size${size}`, `Trace Size of ${size} bytes`, 0x800000, size, 0)),
    c("output_full_supp_trace", "Full supported trace", 0xfff002, fullTraceSize(ALPHA.schemaData), NS),
  ];
}

/** The INPUT tests (Alpha, without namespace 123, inserts an empty trace; Beta fills it), inline mode. */
export function inputCases(): SelftestCase[] {
  const c = (name: string, description: string, type: number, size: number, more: Partial<SelftestCase> = {}): SelftestCase => ({
    name,
    description,
    type,
    size,
    namespace: NS,
    alphaNamespace: "none",
    betaEnabled: true,
    ...more,
  });
  return [
    c("input_undef_ns", "Unknown IOAM Namespace-ID", 0x800000, 4, { namespace: 0 }),
    c("input_no_room", "Missing room for data", 0xc00000, 4),
    c("input_no_room_oss", "Missing room for Opaque State Snapshot", 0x000002, 4),
    c("input_disabled", "IOAM disabled on ingress interface", 0x800000, 4, { betaEnabled: false }),
    // The sender must set Overflow: Alpha gets namespace 123 back (without data) for this one.
    c("input_oflag", "Overflow flag is set", 0xc00000, 4, { alphaNamespace: "bare" }),
    ...SUPPORTED_BITS.map((n) =>
      c(`input_bit${n}`, `Trace Type with supported bit ${n} only`, BIT_TYPE[n], n === 22 ? BIT_SIZE[n] + aligned(BETA.schemaData) : BIT_SIZE[n]),
    ),
    ...Array.from({ length: 61 }, (_, k) => (k + 1) * 4).map((size) => c(`input_size${size}`, `Trace Size of ${size} bytes`, 0x800000, size)),
    c("input_full_supp_trace", "Full supported trace", 0xfff002, fullTraceSize(BETA.schemaData)),
  ];
}

// MACs of the lab's veths (test/support/netns.ts labMac("a0"), ...): the frames manycast sends
// carry the addresses the Linux nodes have, so they can be sent into the lab unchanged.
export const MACS = {
  alphaHost: "02:00:00:00:00:a1",
  alpha: "02:6d:63:00:61:30",
  betaIn: "02:6d:63:00:62:30",
  betaOut: "02:6d:63:00:62:31",
  gamma: "02:6d:63:00:63:30",
};

const hx = (v: number | bigint) => `0x${v.toString(16)}`;

/**
 * Alpha as ioam6.sh configures it, as a manycast router: the echo requests of `ping6 -t 64` come in
 * on host0 (from Alpha's own stack, hop limit 65, so they leave with 64 as ping's do) and leave on
 * veth0 towards Beta (2001:db8:1::1) with the IOAM header the test case's route would add.
 */
export function alphaConfig(test: SelftestCase): string {
  const namespace = {
    full: `set ioam6 namespace ${NS} data ${hx(ALPHA.nsData)} wide ${hx(ALPHA.nsWide)} schema ${ALPHA.schemaId}`,
    bare: `set ioam6 namespace ${NS}`,
    none: "",
  }[test.alphaNamespace];
  return `
set int ip address veth0 ${ALPHA_ADDRESS}/64
set int ip address veth0 2001:db8:1::50/64
set int mac address veth0 ${MACS.alpha}
ip route add 2001:db8:2::/64 via 2001:db8:1::1 veth0
set ip neighbor veth0 2001:db8:1::1 ${MACS.betaIn}
set ioam6 node-id ${ALPHA.id} wide ${ALPHA.wide}
set interface ioam6 veth0 id ${ALPHA.egressId} wide ${ALPHA.egressWide}
set ioam6 schema ${ALPHA.schemaId} string "${ALPHA.schemaData}"
${namespace}
classify table mask l3 ip6 dst acl-miss-next ip6-node ip6-lookup
classify session acl-hit-next ip6-node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst ${GAMMA_ADDRESS}
set int input acl intfc host0 ip6-table 0
set ioam-trace profile format rfc9197 namespace ${test.namespace} trace-type ${hx(test.type)} size ${test.size}
set ioam rewrite trace
`;
}

/** Beta as ioam6.sh configures it, as a manycast router between veth0 (2001:db8:1::1) and veth1 (2001:db8:2::1). */
export function betaConfig(test: SelftestCase): string {
  return `
set int ip address veth0 2001:db8:1::1/64
set int ip address veth1 2001:db8:2::1/64
set int mac address veth0 ${MACS.betaIn}
set int mac address veth1 ${MACS.betaOut}
set ip neighbor veth1 ${GAMMA_ADDRESS} ${MACS.gamma}
set ioam6 node-id ${BETA.id} wide ${BETA.wide}
set interface ioam6 veth0 ${test.betaEnabled ? "enable" : "disable"} id ${BETA.ingressId} wide ${BETA.ingressWide}
set interface ioam6 veth1 id ${BETA.egressId} wide ${BETA.egressWide}
set ioam6 namespace ${NS}
`;
}

/** A manycast engine with `config`, fed Ethernet frames on one interface; what it sent, by interface. */
export class SelftestNode {
  private readonly sent: { iface: string; data: Uint8Array }[] = [];
  readonly dataplane: Dataplane;

  private constructor(readonly engine: WasmEngine) {
    this.dataplane = new Dataplane(engine, (f) => this.sent.push({ iface: f.interfaceName, data: f.data.slice() }));
  }

  static async create(config: string, build: "debug" | "release" = "release"): Promise<SelftestNode> {
    const node = new SelftestNode(await WasmEngine.load(readFileSync(engineWasmPath(build))));
    cliRunner({ dataplane: node.dataplane }, "selftest").cli(config);
    return node;
  }

  send(iface: string, frame: Uint8Array, tsSec = 1_700_000_000, tsNsec = 500_000_000): { iface: string; data: Uint8Array }[] {
    this.sent.length = 0;
    this.dataplane.receive(iface, { linkType: LINKTYPE_ETHERNET, tsSec, tsNsec, data: frame });
    this.dataplane.flush();
    return this.sent.slice();
  }
}

/** `ping6 -t 64 -c 1 2001:db8:2::2` from Alpha as it enters manycast's host0 (sequence `seq`). */
export function alphaPing(seq: number): Uint8Array {
  const icmp = Uint8Array.of(128, 0, 0, 0, 0x12, 0x34, seq >> 8, seq & 0xff, ...new TextEncoder().encode("ioam6 selftest"));
  const packet = withUpperChecksum(
    ip6Packet({ src: ALPHA_ADDRESS, dst: GAMMA_ADDRESS, hopLimit: 65, nextHeader: PROTO_ICMPV6, payload: icmp }),
    40,
    PROTO_ICMPV6,
    2,
  );
  return ethernet(MACS.alpha, MACS.alphaHost, packet);
}

/** The IPv6 packet of an Ethernet frame. */
export const ipv6Of = (frame: Uint8Array): Uint8Array => frame.subarray(14);

/** Alpha's output for one test case: the frame manycast sends towards Beta. */
export async function alphaOutput(test: SelftestCase, seq: number): Promise<Uint8Array> {
  const alpha = await SelftestNode.create(alphaConfig(test));
  const out = alpha.send("host0", alphaPing(seq));
  if (out.length !== 1 || out[0].iface !== "veth0") throw new Error(`${test.name}: Alpha sent ${out.map((o) => o.iface).join(", ") || "nothing"}`);
  return out[0].data;
}
