// Changing a running `manycast run` through `manycast ctl` while a flood crosses it: an SR policy
// (H.Insert, so that the packets' own hop-by-hop header is processed and POT stamped) gains a
// segment list and Proof of Transit switches profile, each applied between vectors. The
// receiver's capture (tshark) has no malformed packet, every packet the generator sent is accounted
// for (received by the engine, encapsulated, transmitted, captured), and packets after each change
// show it. Then SIGTERM in the middle of a flood (two workers): exit 0 within 2 s, socket gone.
//
//   a (generator) --- a0|r0 [manycast run: IOAM POT + SRv6 H.Insert] r1|b0 --- b (capture)
import { afterAll, beforeAll, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { NetnsLab, sleep, type Capture } from "../support/netns.js";
import { manycast, scratchDir } from "../support/cli.js";
import { tsharkCount, tsharkRows } from "../support/tshark.js";
import { ROUTER_R0_R1 } from "../support/live-config.js";
import { describeLive, startRun, type LiveRun, closeLiveLab, generateFromA } from "../support/live-run.js";
import { buildGenerator } from "../../bench/generator.js";

const POT = (id: number) =>
  `set pot profile name example id ${id} prime-number 0x7fff0000fa884685 secret_share 0x6c22eff0f45ec56d lpc 0x7fff0000fa884682 polynomial2 0xffb543d4a9c bits-in-random 63`;

const CONFIG = `${ROUTER_R0_R1}classify table mask l3 ip6 dst acl-miss-next ip6-node ip6-lookup
classify session acl-hit-next ip6-node ip6-add-hop-by-hop table-index 0 match l3 ip6 dst 2001:db8:9::5
set int input acl intfc host-r0 ip6-table 0
${POT(0)}
${POT(1)}
set pot profile-active name example id 0
set ioam rewrite pot
set sr encaps source addr 2001:db8:2::1
sr policy add bsid 2001:db8:ff::1 next 2001:db8:2::2 next 2001:db8:2::3 insert
sr steer l3 2001:db8:9::/64 via bsid 2001:db8:ff::1
`;

const RATE = 5_000;
const SECONDS = 4;
// H.Insert: the SRH lists the original destination last (segment 0), then the policy's segments.
const LIST_ONE = "2001:db8:9::5,2001:db8:2::3,2001:db8:2::2";
const LIST_TWO = "2001:db8:9::5,2001:db8:2::4,2001:db8:2::2";

describeLive("manycast run: configuration changes through ctl during a flood, and SIGTERM during a flood", () => {
  const dir = scratchDir("live-flood");
  const lab = new NetnsLab("F");
  const generator = buildGenerator();
  let ns: Record<"a" | "r" | "b", string>;

  beforeAll(() => {
    if (!generator.path) throw new Error(generator.why);
    ns = { a: lab.addNamespace("a"), r: lab.addNamespace("r"), b: lab.addNamespace("b") };
    lab.addVeth(ns.a, "a0", ns.r, "r0");
    lab.addVeth(ns.r, "r1", ns.b, "b0");
    // a only generates: its kernel must add nothing (no MLD, no router solicitations).
    lab.sysctl(ns.a, { "net.ipv6.conf.a0.disable_ipv6": 1 });
    lab.sysctl(ns.r, { "net.ipv6.conf.r0.disable_ipv6": 1, "net.ipv6.conf.r1.disable_ipv6": 1 });
    lab.addAddress(ns.b, "b0", "2001:db8:2::2/64");
  }, 60_000);

  afterAll(() => closeLiveLab(lab));

  const flood = (seconds: number, rate?: number) =>
    generateFromA(lab, ns.a, generator.path!, { dst: "2001:db8:9::5", seconds, rate, size: 200, flows: 32 }, (seconds + 20) * 1000);

  it("applies sr policy mod and set pot profile-active between vectors: nothing malformed, every packet counted", async () => {
    const run: LiveRun = await startRun(lab, ns.r, dir, "flood", CONFIG);
    try {
      // b solicits the engine's address first, so the engine knows b before the flood.
      await lab.warmUp(ns.b, "2001:db8:2::1", 10_000);
      const capture: Capture = await lab.startCapture(ns.b, "b0", join(dir, "b0.pcap"), ["-B", "65536", "-Q", "in", "ip6"]);
      const sending = flood(SECONDS, RATE);
      await sleep(800);
      run.ctl("sr policy mod bsid 2001:db8:ff::1 add sl next 2001:db8:2::2 next 2001:db8:2::4 weight 1");
      await sleep(500);
      run.ctl("set pot profile-active name example id 1");
      const sent = JSON.parse((await sending).stdout.trim().split("\n").pop()!) as { sent: number; errors: number };
      await sleep(300);
      const result = await capture.stop(300);
      expect(sent.sent).toBeGreaterThan(RATE * SECONDS * 0.5);
      expect(result.stderr).toMatch(/\b0 packets dropped by kernel/);
      const interfaces = run.ctl("show interface");
      const errors = run.ctl("show errors");
      const count = (reason: string) => Number(new RegExp(`^\\s*(\\d+)\\s+\\S+\\s+${reason}`, "m").exec(errors)?.[1] ?? 0);
      // Every frame a sent reached the engine, was encapsulated and left for b.
      expect(interfaces).toMatch(new RegExp(`host-r0\\s+\\d+\\s+up\\s+\\S+\\s+rx packets\\s+${sent.sent}\\b`));
      expect(count("SR: SRH inserted packets")).toBe(sent.sent);
      expect(count("Pkts w/ added ip6 hop-by-hop options")).toBe(sent.sent);
      // The only drops: b's own multicast (MLD reports, router solicitations) the engine has no stack for.
      const drops = errors.split("\n").filter((l) => /\serror$/.test(l));
      expect(
        drops.every((l) => l.includes("locally addressed: no local stack")),
        drops.join("\n"),
      ).toBe(true);
      // ... and reached b, intact.
      const rows = tsharkRows(capture.file, ["ipv6.routing.srh.addr"], ["-Y", "ipv6.routing.srh.addr"]);
      expect(rows).toHaveLength(sent.sent);
      expect(tsharkCount(capture.file, "_ws.malformed || _ws.expert.severity == error")).toBe(0);
      // The lists in order of arrival: the first list only, then both (the added one included).
      const lists = rows.map((r) => r[0]);
      expect(new Set(lists)).toEqual(new Set([LIST_ONE, LIST_TWO]));
      expect(lists[0]).toBe(LIST_ONE);
      const firstTwo = lists.indexOf(LIST_TWO);
      expect(lists.slice(0, firstTwo).every((l) => l === LIST_ONE)).toBe(true);
      // Proof of Transit: profile 0, then profile 1 from the switch on, never back.
      const decoded = manycast(["decode", capture.file, "-T", "fields", "-e", "ipv6.opt.vpp.pot.profile_index"], { timeoutMs: 120_000 });
      expect(decoded.status, decoded.stderr).toBe(0);
      const profiles = decoded.stdout.split("\n").filter((p) => p !== "");
      expect(profiles).toHaveLength(sent.sent);
      const switchAt = profiles.indexOf("1");
      expect(switchAt).toBeGreaterThan(0);
      expect(profiles.slice(0, switchAt).every((p) => p === "0")).toBe(true);
      expect(profiles.slice(switchAt).every((p) => p === "1")).toBe(true);
    } finally {
      await run.stop();
    }
  }, 120_000);

  it("exits 0 within 2 s of SIGTERM in the middle of a flood (two workers), socket removed", async () => {
    const run = await startRun(lab, ns.r, dir, "sigterm", CONFIG, { workers: 2 });
    const sending = flood(4);
    await sleep(1000);
    const { code, ms } = await run.stop("SIGTERM");
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
    expect(existsSync(run.socket)).toBe(false);
    expect(run.process.stderr).toMatch(/stopped/);
    await sending;
  }, 60_000);
});
