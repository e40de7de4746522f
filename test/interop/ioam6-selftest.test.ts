// The Linux kernel's IOAM selftest (tools/testing/selftests/net/ioam6.sh with ioam6_parser.c),
// translated (test/support/ioam6-selftest.ts, ioam6-parser.ts) and run with manycast in the kernel's
// place: as Alpha, the encapsulating node, for the OUTPUT cases, and as Beta, the transit router,
// for the INPUT cases, every packet judged by the parser's checks; the LOCAL cases check the
// configuration commands that stand for the kernel's sysctls and `ip ioam`. Each case keeps
// ioam6.sh's name. Inline mode only (manycast has no IPv6-in-IPv6 IOAM tunnel: docs/linux-
// differences.md). The same packets through the live kernel are ioam6-selftest-linux.test.ts.
import { describe, expect, it } from "vitest";
import { checkPacket } from "../support/ioam6-parser.js";
import {
  BIT_TYPE,
  SUPPORTED_BITS,
  alphaConfig,
  alphaOutput,
  betaConfig,
  inputCases,
  ipv6Of,
  outputCases,
  SelftestNode,
  type SelftestCase,
} from "../support/ioam6-selftest.js";
import { testNode } from "../support/engine.js";
import { ALPHA, BETA } from "../support/ioam6-parser.js";

describe("ioam6.sh LOCAL tests: the configuration", () => {
  const alpha = outputCases()[0];

  async function show(config: string): Promise<string> {
    const node = await testNode();
    node.cli(config);
    return node.cli("show ioam6");
  }

  it("local_sysctl_ioam_id, local_sysctl_ioam_id_wide: the node's ids", async () => {
    expect(await show(alphaConfig(alpha))).toMatch(new RegExp(`^node-id ${ALPHA.id} \\(0x000001\\) wide ${ALPHA.wide} `, "m"));
  });

  it("local_sysctl_ioam_intf_id, local_sysctl_ioam_intf_id_wide, local_sysctl_ioam_intf_enabled: per interface", async () => {
    expect(await show(alphaConfig(alpha))).toMatch(new RegExp(`^interface veth0 ioam6 disabled id ${ALPHA.egressId} wide ${ALPHA.egressWide}$`, "m"));
    expect(await show(betaConfig(inputCases()[0]))).toMatch(new RegExp(`^interface veth0 ioam6 enabled id ${BETA.ingressId} wide ${BETA.ingressWide}$`, "m"));
  });

  it("local_ioam_namespace, local_ioam_schema, local_ioam_schema_namespace: namespace 123, schema 777, bound", async () => {
    const text = await show(alphaConfig(alpha));
    expect(text).toMatch(/^namespace 123 schema 777 data 0xdeadbeef wide 0xcafec0caf00dc0de$/m);
    const octets = [...new TextEncoder().encode(ALPHA.schemaData)].map((b) => b.toString(16)).join(" ");
    expect(text).toContain(`schema 777 namespace 123 data ${octets}`);
  });

  const profile = (words: string) => async () => {
    const node = await testNode();
    node.cli(`set ioam-trace profile format rfc9197 ${words}`);
  };

  it("local_route_ns (Mandatory Namespace-ID)", async () => {
    await expect(profile("trace-type 0x800000 size 4")()).rejects.toThrow(/namespace is required/);
    await expect(profile("trace-type 0x800000 namespace 0 size 4")()).resolves.toBeUndefined();
  });

  it("local_route_tunsrc (Unneeded Tunnel Source), local_route_tundst (Unneeded Tunnel Destination): inline mode has neither", async () => {
    await expect(profile("trace-type 0x800000 namespace 0 size 4 tunsrc 2001:db8:1::50")()).rejects.toThrow(/found 'tunsrc'/);
    await expect(profile("trace-type 0x800000 namespace 0 size 4 tundst 2001:db8:2::2")()).rejects.toThrow(/found 'tundst'/);
  });

  it("local_route_trace_type (Mandatory Trace Type), local_route_trace_size (Mandatory Trace Size)", async () => {
    await expect(profile("namespace 0 size 4")()).rejects.toThrow(/trace-type is required/);
    await expect(profile("namespace 0 trace-type 0x800000")()).rejects.toThrow(/trace-elts or size is required/);
  });

  it("local_route_trace_type_bits (Trace Type bits): only bits 0-11 and 22", async () => {
    const node = await testNode();
    for (let n = 0; n < 24; n++) {
      const line = () => node.cli(`set ioam-trace profile format rfc9197 namespace 0 trace-type 0x${BIT_TYPE[n].toString(16)} size 4`);
      if (SUPPORTED_BITS.includes(n)) expect(line, `bit ${n}`).not.toThrow();
      else expect(line, `bit ${n}`).toThrow(/only bits 0-11 and 22/);
    }
  });

  it("local_route_trace_size_values (Trace Size values): multiples of four in 4..244", async () => {
    const node = await testNode();
    for (let size = 0; size <= 248; size++) {
      const line = () => node.cli(`set ioam-trace profile format rfc9197 namespace 0 trace-type 0x800000 size ${size}`);
      if (size >= 4 && size <= 244 && size % 4 === 0) expect(line, `size ${size}`).not.toThrow();
      else expect(line, `size ${size}`).toThrow(/a multiple of 4 in 4..244 octets/);
    }
  });
});

describe("ioam6.sh OUTPUT tests, inline mode: manycast is Alpha, judged by ioam6_parser's checks", () => {
  // Linux's Alpha stamps the packets its own ping sends, without a receive time: the parser wants
  // all-ones timestamps from it. manycast encapsulates packets it received (here, from Alpha's host
  // side) and stamps their receive time, as Linux does when it encapsulates a forwarded packet.
  const cases = outputCases();
  it("covers every OUTPUT case of ioam6.sh: 78", () => expect(cases).toHaveLength(78));
  it.each(cases.map((c, k) => [c.name, c.description, c, k] as const))("%s (%s)", async (_name, _d, test: SelftestCase, k: number) => {
    const frame = await alphaOutput(test, k + 1);
    expect(checkPacket(ipv6Of(frame), test.name, test.type, test.size, test.namespace, { alphaReceived: true })).toEqual([]);
    expect(ipv6Of(frame)[7]).toBe(ALPHA.hopLimit); // the hop limit `ping6 -t 64` sends
  });
});

describe("ioam6.sh INPUT tests, inline mode: manycast is Beta, the transit router, judged by ioam6_parser's checks", () => {
  const cases = inputCases();
  it("covers every INPUT case of ioam6.sh: 80", () => expect(cases).toHaveLength(80));
  it.each(cases.map((c, k) => [c.name, c.description, c, k] as const))("%s (%s)", async (_name, _d, test: SelftestCase, k: number) => {
    const fromAlpha = await alphaOutput(test, k + 1);
    const beta = await SelftestNode.create(betaConfig(test));
    const out = beta.send("veth0", fromAlpha);
    expect(out.map((o) => o.iface)).toEqual(["veth1"]);
    const packet = ipv6Of(out[0].data);
    expect(packet[7]).toBe(63); // a router: the hop limit Beta recorded is the one the packet leaves with
    expect(checkPacket(packet, test.name, test.type, test.size, test.namespace, { alphaReceived: true })).toEqual([]);
  });
});

describe("the translated checks", () => {
  it("fail on what the kernel's selftest fails: the hop limit not decremented, a filled unknown namespace, a wrong id, dirty free space", async () => {
    const [undefNs] = outputCases();
    const bit0 = inputCases().find((c) => c.name === "input_bit0")!;
    const beta = await SelftestNode.create(betaConfig(bit0));
    const good = ipv6Of(beta.send("veth0", await alphaOutput(bit0, 1))[0].data).slice();
    const check = (packet: Uint8Array, test: SelftestCase) => checkPacket(packet, test.name, test.type, test.size, test.namespace, { alphaReceived: true });
    expect(check(good, bit0)).toEqual([]);
    const slot = 40 + 4 + 4 + 8; // hop-by-hop header, PadN, IOAM option header, trace header
    const hopLimit64 = good.slice();
    hopLimit64[slot] = 64;
    expect(check(hopLimit64, bit0)).toEqual(["hop limit 0x40, not 0x3f"]);
    const wrongId = good.slice();
    wrongId[slot + 3] = 9;
    expect(check(wrongId, bit0)).toEqual(["node id 0x9, not 0x2"]);
    const filled = ipv6Of(await alphaOutput(undefNs, 1)).slice();
    filled[slot - 5] = 0x00; // RemainingLen 1 -> 0, as a node that filled namespace 0 would leave it
    expect(check(filled, undefNs)).toEqual(["O 0 NodeLen 1 RemainingLen 0, not O 0 NodeLen 1 RemainingLen 1"]);
    const dirty = ipv6Of(await alphaOutput(undefNs, 1)).slice();
    dirty[slot] = 1;
    expect(check(dirty, undefNs)).toEqual(["free space not zero"]);
  });
});
