// The lab of the SR policy headend differential (test/srv6/linux-headend.test.ts), kept here so the
// kernel-oracle recorder can run it too. A Linux router b forwards a's UDP and ICMPv6 (some with an
// IOAM hop-by-hop header) through seg6 routes in mode encap, encap.red and inline; `manycast replay`
// forwards the very same packets (as captured on a's link); then a second Linux router e with a
// seg6local End SID gets what manycast emitted.
//
//   a 2001:db8:1::2 -- b0 [Linux b: seg6 headend, tunsrc 2001:db8:1::2] b1 -- c0 2001:db8:2::2 (capture)
//   d 2001:db8:1::2 -- e0 [Linux e: End fc00:b::1]                     e1 -- f0 2001:db8:2::2 (capture)
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { SYSTEM_PYTHON } from "./environment.js";
import type { KernelFeature } from "./kernel-features.js";
import { NetnsLab, sleep } from "./netns.js";
import { replay, selectPackets } from "./srv6-fields.js";
import { FIXTURES } from "./repo.js";

const SEND = join(FIXTURES, "send_ipv6_from_pcap.py");

export const HEADEND = {
  source: "2001:db8:1::2",
  segments: "fc00:b::1,2001:db8:2::2",
  destinations: { encap: "2001:db8:9::10", encapRed: "2001:db8:9::11", inline: "2001:db8:9::12" },
} as const;

/** a's datagrams and echo requests, outer or inner. */
export const SENT = `ipv6.src == ${HEADEND.source} && (udp.dstport == 9999 || icmpv6.type == 128)`;

export const HEADEND_NEEDS: readonly KernelFeature[] = ["netns", "veth", "seg6", "seg6local"];
export const HEADEND_RECORDING = "srv6-headend";

/** manycast's policies equivalent to b's seg6 routes. */
export const MANYCAST_HEADEND = `
set interface ip address pcap0 2001:db8:2::1/64
set ip neighbor pcap0 2001:db8:2::2 02:00:00:00:00:02
ip route add fc00::/16 via 2001:db8:2::2 pcap0
set sr encaps source addr ${HEADEND.source}
sr policy add bsid fc00:ff::10 next fc00:b::1 next 2001:db8:2::2 encap
sr steer l3 ${HEADEND.destinations.encap}/128 via bsid fc00:ff::10
sr policy add bsid fc00:ff::11 next fc00:b::1 next 2001:db8:2::2 encap.red
sr steer l3 ${HEADEND.destinations.encapRed}/128 via bsid fc00:ff::11
sr policy add bsid fc00:ff::12 next fc00:b::1 insert
sr steer l3 ${HEADEND.destinations.inline}/128 via sr policy bsid fc00:ff::12
`;

/** What the lab produces; `ours` is manycast's output, the rest is the kernel's. */
export interface HeadendFiles {
  /** a's packets as they left a (captured on a0, then only SENT). */
  sent: string;
  /** Linux b's output (captured on c0). */
  linuxOut: string;
  /** What manycast made of `sent`, as sent into Linux e. */
  ours: string;
  /** Linux e's output after its End SID (captured on f0). */
  endOut: string;
  /** `nstat -az Ip6InHdrErrors` on e afterwards. */
  endNstat: string;
}

/** Runs the lab live in `dir`; manycast's part is `manycast replay` of MANYCAST_HEADEND. */
export async function runHeadendLab(dir: string): Promise<HeadendFiles> {
  const lab = new NetnsLab("s");
  try {
    const [a, b, c, d, e, f] = ["a", "b", "c", "d", "e", "f"].map((n) => lab.addNamespace(n));
    for (const [x, x0, y, y0, y1, z, z0] of [
      [a, "a0", b, "b0", "b1", c, "c0"],
      [d, "d0", e, "e0", "e1", f, "f0"],
    ] as const) {
      lab.addVeth(x, x0, y, y0);
      lab.addVeth(y, y1, z, z0);
      lab.addAddress(x, x0, `${HEADEND.source}/64`);
      lab.addAddress(y, y0, "2001:db8:1::1/64");
      lab.addAddress(y, y1, "2001:db8:2::1/64");
      lab.addAddress(z, z0, "2001:db8:2::2/64");
      lab.addRoute(x, ["default", "via", "2001:db8:1::1"]);
      lab.addRoute(z, ["default", "via", "2001:db8:2::1"]);
      lab.addRoute(y, ["fc00::/16", "via", "2001:db8:2::2", "dev", y1]);
      lab.addRoute(y, ["2001:db8:9::/64", "via", "2001:db8:2::2", "dev", y1]);
      lab.sysctl(y, { "net.ipv6.conf.all.forwarding": 1 });
    }
    // b: the Linux headend, one route per mode (standards-interop §4.4, §9).
    const { destinations: dst } = HEADEND;
    lab.ip(b, ["sr", "tunsrc", "set", HEADEND.source]);
    lab.addRoute(b, [`${dst.encap}/128`, "encap", "seg6", "mode", "encap", "segs", HEADEND.segments, "dev", "b1"]);
    lab.addRoute(b, [`${dst.encapRed}/128`, "encap", "seg6", "mode", "encap.red", "segs", HEADEND.segments, "dev", "b1"]);
    lab.addRoute(b, [`${dst.inline}/128`, "encap", "seg6", "mode", "inline", "segs", "fc00:b::1", "dev", "b1"]);
    // e: a Linux End SID. f only captures: without seg6_enabled it decapsulates nothing, so its
    // capture shows each packet once (standards-interop §4.2 on the re-injection artefact).
    lab.addRoute(e, ["fc00:b::1/128", "encap", "seg6local", "action", "End", "dev", "e0"]);
    await sleep(1000);
    await lab.warmUp(a, "2001:db8:2::2");
    await lab.warmUp(d, "2001:db8:2::2");

    const sentCapture = await lab.startCapture(a, "a0", join(dir, "a0.pcap"));
    const forwarded = await lab.startCapture(c, "c0", join(dir, "c0.pcap"));
    for (const [k, to] of Object.values(dst).entries()) {
      await lab.labtool(a, ["udp", to, "9999", "--count", "3", "--size", String(24 + 8 * k), "--sport", String(40000 + k)]);
      await lab.labtool(a, ["ioam", to, "--type", "0x800000", "--size", "12", "--count", "2", "--seq", String(10 * k + 1)]);
    }
    const sent = selectPackets((await sentCapture.stop()).file, SENT, join(dir, "sent.pcap"));
    const linuxOut = (await forwarded.stop()).file;

    const ours = replay(dir, "headend", MANYCAST_HEADEND, sent);

    const atEnd = await lab.startCapture(f, "f0", join(dir, "f0.pcap"));
    await lab.execAsync(d, [SYSTEM_PYTHON, SEND, ours]);
    const endOut = (await atEnd.stop(300)).file;
    const endNstat = join(dir, "e-nstat.txt");
    writeFileSync(endNstat, lab.exec(e, ["nstat", "-az", "Ip6InHdrErrors"]).stdout);
    return { sent, linuxOut, ours, endOut, endNstat };
  } finally {
    lab.cleanup();
  }
}
