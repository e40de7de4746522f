// The Linux differential for the SR policy headend (issue 4's main proof). A Linux router b
// forwards a's UDP and ICMPv6 (some with an IOAM hop-by-hop header) through seg6 routes in mode
// encap, encap.red and inline; `manycast replay`, configured with the equivalent policies and
// steering, forwards the very same packets (as captured on a's link). tshark must read the same
// IPv6 and SRH fields in both outputs, outer and inner; for inline the one allowed difference is
// where the SRH sits next to a hop-by-hop header (after it, RFC 8200; Linux puts it in front).
// Then a second Linux router with a seg6local End SID must accept and forward what manycast emitted.
//
//   a 2001:db8:1::2 -- b0 [Linux b: seg6 headend, tunsrc 2001:db8:1::2] b1 -- c0 2001:db8:2::2 (capture)
//   d 2001:db8:1::2 -- e0 [Linux e: End fc00:b::1]                     e1 -- f0 2001:db8:2::2 (capture)
import { afterAll, beforeAll, expect, it } from "vitest";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeWith, NEEDS, SYSTEM_PYTHON } from "../support/requirements.js";
import { NetnsLab, sleep } from "../support/netns.js";
import { scratchDir } from "../support/cli.js";
import { replay, selectPackets, srv6Rows, type FieldRow } from "./linux-fields.js";

const SEND = fileURLToPath(new URL("../fixtures/send_ipv6_from_pcap.py", import.meta.url));
const SOURCE = "2001:db8:1::2";
const SEGMENTS = "fc00:b::1,2001:db8:2::2";
const DESTINATIONS = { encap: "2001:db8:9::10", encapRed: "2001:db8:9::11", inline: "2001:db8:9::12" } as const;
const SENT = `ipv6.src == ${SOURCE} && (udp.dstport == 9999 || icmpv6.type == 128)`;

const MANYCAST_HEADEND = `
set interface ip address pcap0 2001:db8:2::1/64
set ip neighbor pcap0 2001:db8:2::2 02:00:00:00:00:02
ip route add fc00::/16 via 2001:db8:2::2 pcap0
set sr encaps source addr ${SOURCE}
sr policy add bsid fc00:ff::10 next fc00:b::1 next 2001:db8:2::2 encap
sr steer l3 ${DESTINATIONS.encap}/128 via bsid fc00:ff::10
sr policy add bsid fc00:ff::11 next fc00:b::1 next 2001:db8:2::2 encap.red
sr steer l3 ${DESTINATIONS.encapRed}/128 via bsid fc00:ff::11
sr policy add bsid fc00:ff::12 next fc00:b::1 insert
sr steer l3 ${DESTINATIONS.inline}/128 via sr policy bsid fc00:ff::12
`;

/** Linux's inline row as it would read with the SRH after the hop-by-hop header. */
function withHopByHopFirst(linux: FieldRow): FieldRow {
  if (linux["ipv6.hopopts.nxt"] === "") return linux;
  return {
    ...linux,
    "ipv6.nxt": linux["ipv6.routing.nxt"],
    "ipv6.hopopts.nxt": linux["ipv6.nxt"],
    "ipv6.routing.nxt": linux["ipv6.hopopts.nxt"],
  };
}

describeWith(NEEDS.kernelLab, "SRv6 headend: manycast against a Linux seg6 router", () => {
  const lab = new NetnsLab("s");
  const dir = scratchDir("srv6-headend");
  let linuxOut = "";
  let ours = "";
  let endOut = "";
  let endHeaderErrors = "";

  beforeAll(async () => {
    const [a, b, c, d, e, f] = ["a", "b", "c", "d", "e", "f"].map((n) => lab.addNamespace(n));
    for (const [x, x0, y, y0, y1, z, z0] of [
      [a, "a0", b, "b0", "b1", c, "c0"],
      [d, "d0", e, "e0", "e1", f, "f0"],
    ] as const) {
      lab.addVeth(x, x0, y, y0);
      lab.addVeth(y, y1, z, z0);
      lab.addAddress(x, x0, `${SOURCE}/64`);
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
    lab.ip(b, ["sr", "tunsrc", "set", SOURCE]);
    lab.addRoute(b, [`${DESTINATIONS.encap}/128`, "encap", "seg6", "mode", "encap", "segs", SEGMENTS, "dev", "b1"]);
    lab.addRoute(b, [`${DESTINATIONS.encapRed}/128`, "encap", "seg6", "mode", "encap.red", "segs", SEGMENTS, "dev", "b1"]);
    lab.addRoute(b, [`${DESTINATIONS.inline}/128`, "encap", "seg6", "mode", "inline", "segs", "fc00:b::1", "dev", "b1"]);
    // e: a Linux End SID. f only captures: without seg6_enabled it decapsulates nothing, so its
    // capture shows each packet once (standards-interop §4.2 on the re-injection artefact).
    lab.addRoute(e, ["fc00:b::1/128", "encap", "seg6local", "action", "End", "dev", "e0"]);
    await sleep(1000);
    await lab.warmUp(a, "2001:db8:2::2");
    await lab.warmUp(d, "2001:db8:2::2");

    const sent = await lab.startCapture(a, "a0", join(dir, "a0.pcap"));
    const forwarded = await lab.startCapture(c, "c0", join(dir, "c0.pcap"));
    for (const [k, dst] of Object.values(DESTINATIONS).entries()) {
      await lab.labtool(a, ["udp", dst, "9999", "--count", "3", "--size", String(24 + 8 * k), "--sport", String(40000 + k)]);
      await lab.labtool(a, ["ioam", dst, "--type", "0x800000", "--size", "12", "--count", "2", "--seq", String(10 * k + 1)]);
    }
    const input = selectPackets((await sent.stop()).file, SENT, join(dir, "sent.pcap"));
    linuxOut = (await forwarded.stop()).file;

    ours = replay(dir, "headend", MANYCAST_HEADEND, input);

    const atEnd = await lab.startCapture(f, "f0", join(dir, "f0.pcap"));
    await lab.execAsync(d, [SYSTEM_PYTHON, SEND, ours]);
    endOut = (await atEnd.stop(300)).file;
    endHeaderErrors = lab.exec(e, ["nstat", "-az", "Ip6InHdrErrors"]).stdout;
  }, 180_000);

  afterAll(() => lab.cleanup());

  for (const [mode, dst] of Object.entries(DESTINATIONS)) {
    it(`${mode}: manycast writes the IPv6 and SRH fields Linux writes, outer and inner`, () => {
      const filter = `${SENT} && (ipv6.dst == ${dst} || ipv6.routing.srh.addr == ${dst})`;
      const linux = srv6Rows(linuxOut, filter);
      expect(linux).toHaveLength(5);
      expect(linux.map((r) => r["ipv6.routing.type"])).toEqual(["4", "4", "4", "4", "4"]);
      const expected = mode === "inline" ? linux.map(withHopByHopFirst) : linux;
      expect(srv6Rows(ours, filter)).toEqual(expected);
    });
  }

  it("inline next to a hop-by-hop header: Linux puts the SRH first, manycast after the hop-by-hop header", () => {
    const filter = `${SENT} && ipv6.routing.srh.addr == ${DESTINATIONS.inline} && ipv6.hopopts`;
    expect(srv6Rows(linuxOut, filter).map((r) => r["ipv6.nxt"])).toEqual(["43", "43"]);
    expect(srv6Rows(ours, filter).map((r) => [r["ipv6.nxt"], r["ipv6.hopopts.nxt"], r["ipv6.routing.nxt"]])).toEqual([
      ["0", "43", "58"],
      ["0", "43", "58"],
    ]);
  });

  it("a Linux End node accepts and forwards every packet manycast encapsulated or inserted", () => {
    expect(endHeaderErrors).not.toMatch(/Ip6InHdrErrors\s+[1-9]/);
    const after = srv6Rows(endOut, `ipv6.src == ${SOURCE} && ipv6.routing.type == 4`);
    expect(after).toHaveLength(15);
    for (const row of after) {
      expect(row["ipv6.routing.segleft"]).toBe("0");
      expect(row["ipv6.dst"].split(",")[0]).toBe(row["ipv6.routing.srh.addr"].split(",")[0]);
    }
    const oursRows = srv6Rows(ours, `ipv6.routing.type == 4`);
    expect(after.map((r) => r["ipv6.hlim"].split(",")[0])).toEqual(oursRows.map((r) => String(Number(r["ipv6.hlim"].split(",")[0]) - 1)));
  });
});
