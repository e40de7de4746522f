// The lab of the RFC 9486 IOAM interop (test/interop/rfc-ioam-linux.test.ts), kept here so the
// kernel-oracle recorder can run it too: manycast is the encapsulating node, two Linux kernels are
// transit nodes, a third namespace captures.
//
//   [manycast replay] -> a0 ---- b0 [Linux b: ioam6 id 2] b1 ---- c0 [Linux c: ioam6 id 3] c1 ---- d0 (capture)
//   2001:db8:1::2        2001:db8:1::1   2001:db8:2::1       2001:db8:2::2   2001:db8:3::1      2001:db8:3::2
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { manycast, writeFrames } from "./cli.js";
import { SYSTEM_PYTHON } from "./environment.js";
import { ethernetIp6, hex } from "./hex.js";
import type { KernelFeature } from "./kernel-features.js";
import { NetnsLab, sleep } from "./netns.js";
import { FIXTURES } from "./repo.js";

const SEND = join(FIXTURES, "send_ipv6_from_pcap.py");

export const RFC_IOAM_NEEDS: readonly KernelFeature[] = ["netns", "veth", "ioam6Transit"];
export const RFC_IOAM_RECORDING = "rfc-ioam";
export const PACKETS = 5;
/** hop limit + node id, interface ids, seconds, fraction, namespace data */
export const TRACE_TYPE = "0xf40000";

export const ENCAP = `
classify table mask l3 ip6 dst acl-miss-next ip6-node ip6-lookup
classify session acl-hit-next ip6-node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst 2001:db8:3::2
set int input acl intfc pcap0 ip6-table 0
set ioam6 namespace 123 data 0x11111111
set ioam6 node-id 1
set interface ioam6 pcap0 id 11
set ioam-trace profile format rfc9197 namespace 123 trace-type ${TRACE_TYPE} trace-elts 4
set ioam rewrite trace
`;

function echo(seq: number): Uint8Array {
  const ip6 = "6000000000103a40 20010db8000100000000000000000002 20010db8000300000000000000000002";
  return ethernetIp6(hex(`${ip6} 800000001234${seq.toString(16).padStart(4, "0")} 6d616e7963617374`));
}

/** manycast's encapsulation of PACKETS echo requests, written into dir; returns the output capture. */
export function encapsulate(dir: string): string {
  const input = join(dir, "in.pcap");
  const out = join(dir, "encapsulated.pcap");
  writeFrames(
    input,
    Array.from({ length: PACKETS }, (_, i) => echo(i + 1)),
  );
  writeFileSync(join(dir, "encap.conf"), ENCAP);
  const run = manycast(["replay", "-c", join(dir, "encap.conf"), "--in", input, "--out", out, "-q"]);
  if (run.status !== 0) throw new Error(`manycast replay of the encapsulating config failed (exit ${run.status}):\n${run.stderr}`);
  return out;
}

export interface RfcIoamFiles {
  /** manycast's output, as sent into Linux b. */
  encapsulated: string;
  /** What d received after Linux b and c (captured on d0). */
  received: string;
  /** `nstat -az Ip6InHdrErrors` on b and on c afterwards. */
  hdrErrors: string;
}

export async function runRfcIoamLab(dir: string): Promise<RfcIoamFiles> {
  const lab = new NetnsLab("r");
  try {
    const [a, b, c, d] = lab.addLine(["a", "b", "c", "d"]);
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

    const encapsulated = encapsulate(dir);
    const received = join(dir, "d0.pcap");
    const tcpdump = await lab.startCapture(d, "d0", received, ["ip6"]);
    await lab.execAsync(a, [SYSTEM_PYTHON, SEND, encapsulated]);
    await sleep(300);
    await tcpdump.stop();
    const hdrErrors = join(dir, "hdr-errors.txt");
    writeFileSync(hdrErrors, lab.exec(b, ["nstat", "-az", "Ip6InHdrErrors"]).stdout + lab.exec(c, ["nstat", "-az", "Ip6InHdrErrors"]).stdout);
    return { encapsulated, received, hdrErrors };
  } finally {
    lab.cleanup();
  }
}
