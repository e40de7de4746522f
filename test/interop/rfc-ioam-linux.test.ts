// Linux interop for RFC 9486 IOAM: manycast is the encapsulating node, two Linux kernels are
// transit nodes, a third namespace captures; tshark reads what everyone wrote, and manycast, as
// the decapsulating node, reads the same trace back.
//
//   [manycast replay] -> a0 ---- b0 [Linux b: ioam6 id 2] b1 ---- c0 [Linux c: ioam6 id 3] c1 ---- d0 (capture)
//   2001:db8:1::2        2001:db8:1::1   2001:db8:2::1       2001:db8:2::2   2001:db8:3::1      2001:db8:3::2
import { afterAll, beforeAll, expect, it } from "vitest";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describeWith, NEEDS, SYSTEM_PYTHON } from "../support/requirements.js";
import { NetnsLab, sleep } from "../support/netns.js";
import { tsharkRows } from "../support/tshark.js";
import { manycast, readLines, scratchDir, writeFrames } from "../support/cli.js";
import { ethernetIp6, hex } from "../support/hex.js";

const SEND = fileURLToPath(new URL("../fixtures/send_ipv6_from_pcap.py", import.meta.url));
const PACKETS = 5;
const TRACE_TYPE = "0xf40000"; // hop limit + node id, interface ids, seconds, fraction, namespace data

function echo(seq: number): Uint8Array {
  const ip6 = "6000000000103a40 20010db8000100000000000000000002 20010db8000300000000000000000002";
  return ethernetIp6(hex(`${ip6} 800000001234${seq.toString(16).padStart(4, "0")} 6d616e7963617374`));
}

const ENCAP = `
classify table mask l3 ip6 dst acl-miss-next ip6-node ip6-lookup
classify session acl-hit-next ip6-node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst 2001:db8:3::2
set int input acl intfc pcap0 ip6-table 0
set ioam6 namespace 123 data 0x11111111
set ioam-trace profile format rfc9197 namespace 123 trace-type ${TRACE_TYPE} trace-elts 4 node-id 1 if-id-in 11 if-id-out 12
set ioam rewrite trace
`;

const DECAP = (exportFile: string) => `
classify table mask l3 ip6 dst acl-miss-next ip6-node ip6-lookup
classify session acl-hit-next ip6-node ip6-lookup table-index 0 match l3 ip6 dst 2001:db8:3::2 ioam-decap rfc
set int input acl intfc pcap0 ip6-table 0
set ioam6 namespace 123 data 0x44444444
set ioam-trace profile format rfc9197 namespace 123 trace-type ${TRACE_TYPE} trace-elts 4 node-id 4
set ioam export file ${exportFile}
`;

describeWith(NEEDS.kernelLab, "RFC 9486 IOAM: manycast encapsulates, two Linux transit nodes, manycast decapsulates", () => {
  const lab = new NetnsLab("r");
  const dir = scratchDir("rfc-interop");
  const capture = join(dir, "d0.pcap");
  let hdrErrors = "";

  beforeAll(async () => {
    const [a, b, c, d] = ["a", "b", "c", "d"].map((n) => lab.addNamespace(n));
    lab.addVeth(a, "a0", b, "b0");
    lab.addVeth(b, "b1", c, "c0");
    lab.addVeth(c, "c1", d, "d0");
    lab.addAddress(a, "a0", "2001:db8:1::2/64");
    lab.addAddress(b, "b0", "2001:db8:1::1/64");
    lab.addAddress(b, "b1", "2001:db8:2::1/64");
    lab.addAddress(c, "c0", "2001:db8:2::2/64");
    lab.addAddress(c, "c1", "2001:db8:3::1/64");
    lab.addAddress(d, "d0", "2001:db8:3::2/64");
    lab.addRoute(a, ["default", "via", "2001:db8:1::1"]);
    lab.addRoute(b, ["2001:db8:3::/64", "via", "2001:db8:2::2"]);
    lab.addRoute(c, ["2001:db8:1::/64", "via", "2001:db8:2::1"]);
    lab.addRoute(d, ["default", "via", "2001:db8:3::1"]);
    for (const [ns, id, ingress, data] of [
      [b, 2, "b0", "0x22222222"],
      [c, 3, "c0", "0x33333333"],
    ] as const) {
      lab.sysctl(ns, { "net.ipv6.conf.all.forwarding": 1, "net.ipv6.ioam6_id": id, [`net.ipv6.conf.${ingress}.ioam6_enabled`]: 1 });
      lab.ip(ns, ["ioam", "namespace", "add", "123", "data", data]);
    }
    await lab.warmUp(a, "2001:db8:3::2");

    const input = join(dir, "in.pcap");
    writeFrames(input, Array.from({ length: PACKETS }, (_, i) => echo(i + 1)));
    writeFileSync(join(dir, "encap.conf"), ENCAP);
    const encap = manycast(["replay", "-c", join(dir, "encap.conf"), "--in", input, "--out", join(dir, "encapsulated.pcap"), "-q"]);
    expect(encap.status, encap.stderr).toBe(0);

    const tcpdump = await lab.startCapture(d, "d0", capture, ["ip6"]);
    await lab.execAsync(a, [SYSTEM_PYTHON, SEND, join(dir, "encapsulated.pcap")]);
    await sleep(300);
    await tcpdump.stop();
    hdrErrors = lab.exec(b, ["nstat", "-az", "Ip6InHdrErrors"]).stdout + lab.exec(c, ["nstat", "-az", "Ip6InHdrErrors"]).stdout;
  }, 120_000);

  afterAll(() => lab.cleanup());

  it("Linux accepts every packet manycast emitted (no header errors) and fills its slots", () => {
    expect(hdrErrors).not.toMatch(/Ip6InHdrErrors\s+[1-9]/);
    const rows = tsharkRows(capture, [
      "ipv6.opt.ioam.trace.ns",
      "ipv6.opt.ioam.trace.nodelen",
      "ipv6.opt.ioam.trace.remlen",
      "ipv6.opt.ioam.trace.node.id",
      "ipv6.opt.ioam.trace.node.hlim",
      "ipv6.opt.ioam.trace.node.nsdata",
      "ipv6.opt.ioam.trace.node.iif",
    ], ["-Y", "ipv6.opt.ioam.trace.ns == 123"]);
    expect(rows).toHaveLength(PACKETS);
    for (const row of rows) {
      // Most recent first: c (3), b (2), then manycast (1); one slot still free. Linux's interface
      // ids default to 0xffff; ours is the configured if-id-in 11.
      expect(row).toEqual(["123", "5", "5", "0x000003,0x000002,0x000001", "62,63,64", "0x33333333,0x22222222,0x11111111", "0xffff,0xffff,0x000b"]);
    }
  });

  it("manycast, as the decapsulating node, reads the same trace back and adds its own", () => {
    const exportFile = join(dir, "traces.jsonl");
    writeFileSync(join(dir, "decap.conf"), DECAP(exportFile));
    const decap = manycast(["replay", "-c", join(dir, "decap.conf"), "--in", capture, "--out", join(dir, "decapsulated.pcap"), "-q"]);
    expect(decap.status, decap.stderr).toBe(0);
    const traces = readLines(exportFile).map((l) => JSON.parse(l));
    expect(traces).toHaveLength(PACKETS);
    for (const t of traces) {
      expect(t.format).toBe("rfc9197");
      expect(t.nodes.map((n: { nodeId: number }) => n.nodeId)).toEqual([1, 2, 3, 4]);
      expect(t.nodes.map((n: { hopLimit: number }) => n.hopLimit)).toEqual([64, 63, 62, 62]); // Linux writes the decremented hop limit; the bump in the wire forwards without decrementing
    }
  });
});
