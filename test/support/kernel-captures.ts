// Real Linux kernel captures, used as oracles: what the kernel writes as an IOAM
// transit node, what its seg6 headend and seg6local endpoints put on the wire, and
// a real kernel TCP connection with its ND and MLD.
//
// Lab (standards-interop.md §9):
//
//   a (sender, seg6 headend)    b (router: IOAM transit, SRv6 SIDs)    c (receiver)
//   a0 2001:db8:1::2/64 ------- b0 2001:db8:1::1/64
//                               b1 2001:db8:2::1/64 ------------------- c0 2001:db8:2::2/64
//
// Each phase runs with fresh tcpdumps (--immediate-mode) on a0 (the a-b link) and/or c0
// (the b-c link); a phase's pcap is the chronological merge of both. Every builder
// phase checks with tshark that the kernel really did what the capture is for, and
// throws if not, so a capture can never silently be empty or unprocessed.
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { LABTOOL, NetnsLab, sleep, type Capture } from "./netns.js";
import { SYSTEM_PYTHON } from "./requirements.js";
import { tsharkRows } from "./tshark.js";

/** Addresses, ids and SIDs of the lab, for assertions in tests. */
export const LAB = {
  a: "2001:db8:1::2",
  bA: "2001:db8:1::1",
  bC: "2001:db8:2::1",
  c: "2001:db8:2::2",
  /** net.ipv6.ioam6_id on b: tshark prints node.id as "0x000002". */
  bNodeId: 2,
  bNodeIdWide: 22222222,
  /** ioam6_id of b0 (ingress, 0x00c9) and b1 (egress, 0x00ca). */
  bIngressId: 201,
  bEgressId: 202,
  bIngressIdWide: 201201,
  bEgressIdWide: 202202,
  ioamNamespace: 123,
  nsData: 0xdeadbeef,
  nsDataWide: "0xcafec0caf00dc0de",
  schemaId: 777,
  schema: "something that will be 4n-aligned",
  sidEnd: "fc00:b::1",
  sidEndPsp: "fc00:b::2",
  sidEndDt6: "fc00:b::6",
  /** Destinations on c that a steers through seg6 routes (one per headend mode). */
  dst: {
    encap: "2001:db8:2::10",
    encapRed: "2001:db8:2::11",
    inline: "2001:db8:2::12",
    hmac: "2001:db8:2::13",
    psp: "2001:db8:2::15",
    dt6: "2001:db8:2::16",
    dt6Red: "2001:db8:2::17",
  },
  hmacKeyId: 42,
  hmacSecret: "rs-secret",
  tcpPort: 5001,
  tcpBytes: 6000,
  udpPort: 9999,
} as const;

/** One IOAM pre-allocated trace packet a sends to c through b. `seq` is its ICMPv6 echo sequence number. */
export interface IoamCase {
  seq: number;
  type: string;
  size: number;
  ns?: number;
  flags?: number;
  prefill?: number;
  what: string;
  /** What tshark must show for this packet at c. */
  expect: {
    remlen: number;
    o: 0 | 1;
    /** node.id values (most recent first), "" when the kernel wrote nothing. */
    nodeIds: string;
  };
}

const N2 = "0x000002";
export const IOAM_CASES: readonly IoamCase[] = [
  { seq: 1, type: "0x800000", size: 12, what: "hop limit + node id, 3 slots", expect: { remlen: 2, o: 0, nodeIds: N2 } },
  {
    seq: 2,
    type: "0x800000",
    size: 12,
    prefill: 1,
    what: "encapsulating node's own slot pre-filled (id 1)",
    expect: { remlen: 1, o: 0, nodeIds: `${N2},0x000001` },
  },
  { seq: 3, type: "0xc00000", size: 8, what: "node id + interface ids", expect: { remlen: 0, o: 0, nodeIds: N2 } },
  { seq: 4, type: "0xf00000", size: 16, what: "node id, ifs, timestamps", expect: { remlen: 0, o: 0, nodeIds: N2 } },
  { seq: 5, type: "0x0c0000", size: 8, what: "transit delay + namespace data", expect: { remlen: 0, o: 0, nodeIds: "" } },
  { seq: 6, type: "0x00e000", size: 24, what: "wide id, wide ifs, wide ns data", expect: { remlen: 0, o: 0, nodeIds: "" } },
  {
    seq: 7,
    type: "0xfff002",
    size: 100,
    what: "every supported bit + OSS (schema 777), exactly enough room",
    expect: { remlen: 0, o: 0, nodeIds: N2 },
  },
  { seq: 8, type: "0xfff002", size: 120, what: "full trace with 20 octets left over", expect: { remlen: 5, o: 0, nodeIds: N2 } },
  { seq: 9, type: "0xc00000", size: 4, what: "too small: kernel sets O", expect: { remlen: 1, o: 1, nodeIds: "" } },
  { seq: 10, type: "0x800800", size: 8, what: "bit 12 (undefined) set", expect: { remlen: 0, o: 0, nodeIds: N2 } },
  { seq: 11, type: "0x000002", size: 40, what: "OSS only", expect: { remlen: 0, o: 0, nodeIds: "" } },
  { seq: 12, type: "0x300000", size: 8, what: "timestamps only", expect: { remlen: 0, o: 0, nodeIds: "" } },
  { seq: 13, type: "0x020000", size: 8, what: "queue depth", expect: { remlen: 1, o: 0, nodeIds: "" } },
  { seq: 14, type: "0x800000", size: 8, ns: 999, what: "unknown namespace: untouched", expect: { remlen: 2, o: 0, nodeIds: "" } },
  {
    seq: 15,
    type: "0x800000",
    size: 8,
    flags: 8,
    what: "O already set: untouched",
    expect: { remlen: 2, o: 1, nodeIds: "" },
  },
];

export type Seg6Phase = "seg6Encap" | "seg6EncapRed" | "seg6Inline" | "seg6Hmac" | "seg6Psp" | "seg6Dt6";

export interface KernelCaptures {
  /** c0: IOAM_CASES after b's transit processing, plus c's echo replies and ND. */
  ioamTransit: string;
  /** a0 + c0 merged: H.Encaps segs fc00:b::1,2001:db8:2::2 (ping + UDP). */
  seg6Encap: string;
  /** a0 + c0 merged: H.Insert (inline) segs fc00:b::1. */
  seg6Inline: string;
  /** a0 + c0 merged: H.Encaps.Red segs fc00:b::1,2001:db8:2::2 (reduced SRH). */
  seg6EncapRed: string;
  /** a0 + c0 merged: encap with HMAC key 42; undefined when the kernel refused the HMAC setup. */
  seg6Hmac?: string;
  /** a0 + c0 merged: inline to End with flavor PSP (the SRH is gone on the b-c link). */
  seg6Psp: string;
  /** a0 + c0 merged: encap and encap.red to End.DT6 (plain inner packet on the b-c link). */
  seg6Dt6: string;
  /** c0: kernel TCP connection a -> c (LAB.tcpBytes each way), with ND and MLD. */
  tcp: string;
  /** Per phase, the unmerged captures: ab = on a0, bc = on c0. */
  links: Record<string, { ab?: string; bc?: string }>;
  /** Wall-clock milliseconds per phase and in total. */
  timingsMs: Record<string, number>;
  /** The namespace prefix that was used (all deleted by now). */
  prefix: string;
  /** Anything unusual that happened (a retry, HMAC unavailable). */
  notes: string[];
}

export interface BuildOptions {
  /** Extra wait after building the lab, before the warm-up (default 1000 ms; §3.4 settle time). */
  settleMs?: number;
}

function mergecap(out: string, inputs: string[]): string {
  execFileSync("mergecap", ["-F", "pcap", "-w", out, ...inputs], { stdio: ["ignore", "ignore", "pipe"] });
  return out;
}

function nonEmpty(file: string): void {
  const st = statSync(file);
  if (st.size <= 24) throw new Error(`capture ${file} is empty`);
}

/** Builds every kernel capture into outDir. Creates and always deletes its namespaces. */
export async function buildKernelCaptures(outDir: string, opts: BuildOptions = {}): Promise<KernelCaptures> {
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const lab = new NetnsLab("k");
  const links: KernelCaptures["links"] = {};
  const live: Capture[] = [];
  const notes: string[] = [];
  const mark = (name: string, since: number): void => {
    timings[name] = Date.now() - since;
  };

  try {
    let t = Date.now();
    const A = lab.addNamespace("a");
    const B = lab.addNamespace("b");
    const C = lab.addNamespace("c");
    buildTopology(lab, A, B, C);
    mark("setup", t);

    t = Date.now();
    await sleep(opts.settleMs ?? 1000);
    await lab.warmUp(A, LAB.c);
    mark("warmup", t);

    // Starts captures for a phase, runs it, stops them, merges.
    const phase = async (
      name: string,
      where: { ab?: boolean; bc?: boolean },
      body: () => Promise<void>,
    ): Promise<{ ab?: string; bc?: string; merged: string }> => {
      const started = Date.now();
      const caps: { ab?: Capture; bc?: Capture } = {};
      if (where.ab) live.push((caps.ab = await lab.startCapture(A, "a0", join(dir, `${name}.ab.pcap`))));
      if (where.bc) live.push((caps.bc = await lab.startCapture(C, "c0", join(dir, `${name}.bc.pcap`))));
      await body();
      const files: { ab?: string; bc?: string } = {};
      for (const k of ["ab", "bc"] as const) {
        const cap = caps[k];
        if (!cap) continue;
        const r = await cap.stop(250);
        live.splice(live.indexOf(cap), 1);
        if (r.captured === 0) throw new Error(`phase ${name}: tcpdump on ${cap.ifname} captured nothing\n${r.stderr}`);
        nonEmpty(r.file);
        files[k] = r.file;
      }
      links[name] = files;
      const inputs = [files.ab, files.bc].filter((f): f is string => !!f);
      const merged = inputs.length === 1 ? inputs[0] : mergecap(join(dir, `${name}.pcap`), inputs);
      mark(name, started);
      return { ...files, merged };
    };

    // ---- IOAM transit ------------------------------------------------------------------
    const batch = JSON.stringify(
      IOAM_CASES.map((c) => ({ type: c.type, size: c.size, ns: c.ns, flags: c.flags, prefill: c.prefill, seq: c.seq })),
    );
    const ioam = await phase("ioamTransit", { bc: true }, async () => {
      await lab.labtool(A, ["ioam", LAB.c, "--batch", batch]);
    });
    let ioamProblems = checkIoam(ioam.merged);
    if (ioamProblems.length) {
      // §3.4: right after setup the kernel may forward without IOAM processing. Retry once.
      notes.push(`IOAM transit retried after: ${ioamProblems.join("; ")}`);
      await sleep(1500);
      const again = await phase("ioamTransit", { bc: true }, async () => {
        await lab.labtool(A, ["ioam", LAB.c, "--batch", batch]);
      });
      ioamProblems = checkIoam(again.merged);
      if (ioamProblems.length) throw new Error(`IOAM transit capture is wrong:\n${ioamProblems.join("\n")}`);
    }

    // ---- SRv6 headend modes and endpoint behaviours --------------------------------------
    const traffic = async (dst: string): Promise<void> => {
      const ping = await lab.labtool(A, ["ping", dst, "--count", "2", "--interval", "0.1", "--timeout", "2"]);
      if (!ping.received) throw new Error(`no echo reply from ${dst} through seg6`);
      await lab.labtool(A, ["udp", dst, String(LAB.udpPort), "--count", "2", "--size", "24", "--sport", "40000"]);
    };
    const encap = await phase("seg6Encap", { ab: true, bc: true }, () => traffic(LAB.dst.encap));
    const encapRed = await phase("seg6EncapRed", { ab: true, bc: true }, () => traffic(LAB.dst.encapRed));
    const inline = await phase("seg6Inline", { ab: true, bc: true }, () => traffic(LAB.dst.inline));
    const psp = await phase("seg6Psp", { ab: true, bc: true }, () => traffic(LAB.dst.psp));
    const dt6 = await phase("seg6Dt6", { ab: true, bc: true }, async () => {
      await traffic(LAB.dst.dt6);
      await traffic(LAB.dst.dt6Red);
    });
    let hmac: { ab?: string; bc?: string; merged: string } | undefined;
    if (setupHmac(lab, A, B, C)) {
      hmac = await phase("seg6Hmac", { ab: true, bc: true }, () => traffic(LAB.dst.hmac));
    } else {
      notes.push("SRv6 HMAC unavailable: seg6Hmac not built");
    }
    checkSeg6(encap, encapRed, inline, psp, dt6, hmac);

    // ---- Kernel TCP, with fresh ND and an MLD report --------------------------------------
    const tcp = await phase("tcp", { bc: true }, async () => {
      lab.ip(C, ["-6", "neigh", "flush", "dev", "c0"]);
      lab.ip(B, ["-6", "neigh", "flush", "dev", "b1"]);
      lab.addAddress(C, "c0", "2001:db8:2::99/64"); // joins ff02::1:ff00:99: an MLDv2 report
      const server = lab.spawn(C, [
        SYSTEM_PYTHON,
        "-u",
        LABTOOL,
        "tcp-server",
        LAB.c,
        String(LAB.tcpPort),
        "--bytes",
        String(LAB.tcpBytes),
      ]);
      await server.waitForOutput(/listening/, 10_000);
      const client = await lab.labtool(A, ["tcp-client", LAB.c, String(LAB.tcpPort), "--bytes", String(LAB.tcpBytes)]);
      const code = await server.exited;
      if (code !== 0 || client.received !== LAB.tcpBytes) {
        throw new Error(`TCP exchange failed: server exit ${code} ${server.stderr}; client ${JSON.stringify(client)}`);
      }
      await sleep(300); // MLD report retransmission
    });
    checkTcp(tcp.merged);

    timings.total = Date.now() - t0;
    return {
      ioamTransit: ioam.merged,
      seg6Encap: encap.merged,
      seg6EncapRed: encapRed.merged,
      seg6Inline: inline.merged,
      seg6Psp: psp.merged,
      seg6Dt6: dt6.merged,
      seg6Hmac: hmac?.merged,
      tcp: tcp.merged,
      links,
      timingsMs: timings,
      prefix: lab.prefix,
      notes,
    };
  } finally {
    for (const cap of live) await cap.proc.stop("SIGKILL", 1000);
    lab.cleanup();
  }
}

function buildTopology(lab: NetnsLab, A: string, B: string, C: string): void {
  lab.addVeth(A, "a0", B, "b0");
  lab.addVeth(B, "b1", C, "c0");
  lab.addAddress(A, "a0", `${LAB.a}/64`);
  lab.addAddress(B, "b0", `${LAB.bA}/64`);
  lab.addAddress(B, "b1", `${LAB.bC}/64`);
  lab.addAddress(C, "c0", `${LAB.c}/64`);
  for (const d of Object.values(LAB.dst)) lab.addAddress(C, "c0", `${d}/64`);
  lab.addRoute(A, ["default", "via", LAB.bA]);
  lab.addRoute(C, ["default", "via", LAB.bC]);
  lab.sysctl(B, { "net.ipv6.conf.all.forwarding": 1 });

  // IOAM transit on b (§9).
  lab.sysctl(B, {
    "net.ipv6.ioam6_id": LAB.bNodeId,
    "net.ipv6.ioam6_id_wide": LAB.bNodeIdWide,
    "net.ipv6.conf.b0.ioam6_enabled": 1,
    "net.ipv6.conf.b0.ioam6_id": LAB.bIngressId,
    "net.ipv6.conf.b0.ioam6_id_wide": LAB.bIngressIdWide,
    "net.ipv6.conf.b1.ioam6_id": LAB.bEgressId,
    "net.ipv6.conf.b1.ioam6_id_wide": LAB.bEgressIdWide,
  });
  lab.ip(B, ["ioam", "namespace", "add", String(LAB.ioamNamespace), "data", `0x${LAB.nsData.toString(16)}`, "wide", LAB.nsDataWide]);
  lab.ip(B, ["ioam", "schema", "add", String(LAB.schemaId), LAB.schema]);
  lab.ip(B, ["ioam", "namespace", "set", String(LAB.ioamNamespace), "schema", String(LAB.schemaId)]);

  // SRv6 SIDs on b; c is the final destination of SRH packets, so it needs seg6_enabled.
  lab.addRoute(B, [`${LAB.sidEnd}/128`, "encap", "seg6local", "action", "End", "dev", "b0"]);
  lab.addRoute(B, [`${LAB.sidEndPsp}/128`, "encap", "seg6local", "action", "End", "flavors", "psp", "dev", "b0"]);
  lab.addRoute(B, [`${LAB.sidEndDt6}/128`, "encap", "seg6local", "action", "End.DT6", "table", "254", "dev", "b0"]);
  lab.sysctl(C, { "net.ipv6.conf.all.seg6_enabled": 1, "net.ipv6.conf.c0.seg6_enabled": 1 });

  // Headend routes on a, one destination per mode.
  const segs2 = `${LAB.sidEnd},${LAB.c}`;
  lab.addRoute(A, [`${LAB.dst.encap}/128`, "encap", "seg6", "mode", "encap", "segs", segs2, "dev", "a0"]);
  lab.addRoute(A, [`${LAB.dst.encapRed}/128`, "encap", "seg6", "mode", "encap.red", "segs", segs2, "dev", "a0"]);
  lab.addRoute(A, [`${LAB.dst.inline}/128`, "encap", "seg6", "mode", "inline", "segs", LAB.sidEnd, "dev", "a0"]);
  lab.addRoute(A, [`${LAB.dst.psp}/128`, "encap", "seg6", "mode", "inline", "segs", LAB.sidEndPsp, "dev", "a0"]);
  lab.addRoute(A, [`${LAB.dst.dt6}/128`, "encap", "seg6", "mode", "encap", "segs", LAB.sidEndDt6, "dev", "a0"]);
  lab.addRoute(A, [`${LAB.dst.dt6Red}/128`, "encap", "seg6", "mode", "encap.red", "segs", LAB.sidEndDt6, "dev", "a0"]);
}

/** `ip sr hmac set 42 sha256` on every node (secret on stdin) and the HMAC route on a. */
function setupHmac(lab: NetnsLab, A: string, B: string, C: string): boolean {
  try {
    for (const ns of [A, B, C]) {
      lab.exec(ns, ["ip", "sr", "hmac", "set", String(LAB.hmacKeyId), "sha256"], { input: `${LAB.hmacSecret}\n` });
    }
    lab.addRoute(A, [
      `${LAB.dst.hmac}/128`,
      "encap",
      "seg6",
      "mode",
      "encap",
      "segs",
      `${LAB.sidEnd},${LAB.c}`,
      "hmac",
      String(LAB.hmacKeyId),
      "dev",
      "a0",
    ]);
    return true;
  } catch (e) {
    console.warn(`kernel-captures: SRv6 HMAC not available, seg6Hmac skipped: ${(e as Error).message}`);
    return false;
  }
}

const IOAM_CHECK_FIELDS = [
  "icmpv6.echo.sequence_number",
  "ipv6.opt.ioam.trace.remlen",
  "ipv6.opt.ioam.trace.flag.o",
  "ipv6.opt.ioam.trace.node.id",
];

/** Returns a list of problems (empty = every IOAM case looks as the kernel should leave it). */
function checkIoam(file: string): string[] {
  const rows = tsharkRows(file, IOAM_CHECK_FIELDS, ["-Y", `icmpv6.type == 128 && ipv6.src == ${LAB.a}`]);
  const problems: string[] = [];
  for (const c of IOAM_CASES) {
    const seen = rows.filter((r) => r[0] === String(c.seq));
    if (seen.length === 0) {
      problems.push(`case ${c.seq} (${c.type}/${c.size}, ${c.what}): not captured at c`);
      continue;
    }
    const want = [String(c.seq), String(c.expect.remlen), String(c.expect.o), c.expect.nodeIds];
    if (!seen.some((r) => r.join("\t") === want.join("\t"))) {
      problems.push(`case ${c.seq} (${c.type}/${c.size}, ${c.what}): got ${JSON.stringify(seen)}, want ${JSON.stringify(want)}`);
    }
  }
  return problems;
}

function checkSeg6(
  encap: { ab?: string; bc?: string },
  encapRed: { ab?: string; bc?: string },
  inline: { ab?: string; bc?: string },
  psp: { ab?: string; bc?: string },
  dt6: { ab?: string; bc?: string },
  hmac?: { ab?: string; bc?: string },
): void {
  const srh = ["ipv6.dst", "ipv6.routing.segleft", "ipv6.routing.srh.last_entry", "ipv6.routing.srh.flags", "ipv6.routing.srh.addr"];
  const expectRow = (file: string | undefined, what: string, want: string[]): void => {
    const rows = tsharkRows(file!, srh, ["-Y", "ipv6.routing.type == 4"]).map((r) => r.join("\t"));
    if (!rows.includes(want.join("\t"))) {
      throw new Error(`${what}: no packet with ${JSON.stringify(want)} in ${file}; saw ${JSON.stringify([...new Set(rows)])}`);
    }
  };
  const segs = `${LAB.c},${LAB.sidEnd}`;
  expectRow(encap.ab, "encap a-b", [`${LAB.sidEnd},${LAB.dst.encap}`, "1", "1", "0x00", segs]);
  expectRow(encap.bc, "encap b-c (after End)", [`${LAB.c},${LAB.dst.encap}`, "0", "1", "0x00", segs]);
  expectRow(encapRed.ab, "encap.red a-b", [`${LAB.sidEnd},${LAB.dst.encapRed}`, "1", "0", "0x00", LAB.c]);
  expectRow(encapRed.bc, "encap.red b-c", [`${LAB.c},${LAB.dst.encapRed}`, "0", "0", "0x00", LAB.c]);
  expectRow(inline.ab, "inline a-b", [LAB.sidEnd, "1", "1", "0x00", `${LAB.dst.inline},${LAB.sidEnd}`]);
  expectRow(inline.bc, "inline b-c", [LAB.dst.inline, "0", "1", "0x00", `${LAB.dst.inline},${LAB.sidEnd}`]);
  expectRow(psp.ab, "psp a-b", [LAB.sidEndPsp, "1", "1", "0x00", `${LAB.dst.psp},${LAB.sidEndPsp}`]);
  if (tsharkRows(psp.bc!, ["frame.number"], ["-Y", "ipv6.routing"]).length !== 0) {
    throw new Error(`End PSP: the b-c link still shows an SRH (${psp.bc})`);
  }
  expectRow(dt6.ab, "End.DT6 a-b", [`${LAB.sidEndDt6},${LAB.dst.dt6}`, "0", "0", "0x00", LAB.sidEndDt6]);
  const plain = tsharkRows(dt6.bc!, ["ipv6.dst"], ["-Y", `icmpv6.type == 128`]).map((r) => r[0]);
  for (const d of [LAB.dst.dt6, LAB.dst.dt6Red]) {
    if (!plain.includes(d)) throw new Error(`End.DT6: no decapsulated echo request to ${d} on b-c (${JSON.stringify(plain)})`);
  }
  if (hmac) {
    expectRow(hmac.ab, "hmac a-b", [`${LAB.sidEnd},${LAB.dst.hmac}`, "1", "1", "0x08", segs]);
    expectRow(hmac.bc, "hmac b-c", [`${LAB.c},${LAB.dst.hmac}`, "0", "1", "0x08", segs]);
  }
}

function checkTcp(file: string): void {
  const rows = tsharkRows(file, ["tcp.flags", "tcp.len", "tcp.option_kind", "icmpv6.type"]);
  const flags = rows.map((r) => r[0]);
  const problems: string[] = [];
  if (!flags.includes("0x0002")) problems.push("no SYN");
  if (!flags.includes("0x0012")) problems.push("no SYN-ACK");
  if (!flags.some((f) => f === "0x0011" || f === "0x0019")) problems.push("no FIN");
  const syn = rows.find((r) => r[0] === "0x0002");
  if (syn && !["2", "4", "8", "3"].every((k) => syn[2].split(",").includes(k))) {
    problems.push(`SYN lacks MSS/SACK-perm/TS/WS options: ${syn[2]}`);
  }
  const payload = rows.reduce((n, r) => n + (Number(r[1]) || 0), 0);
  if (payload < 2 * LAB.tcpBytes) problems.push(`only ${payload} TCP payload octets`);
  const icmp = new Set(rows.map((r) => r[3]));
  for (const [t, what] of [
    ["135", "neighbor solicitation"],
    ["136", "neighbor advertisement"],
    ["143", "MLDv2 report"],
  ] as const) {
    if (!icmp.has(t)) problems.push(`no ${what}`);
  }
  if (problems.length) throw new Error(`TCP capture ${file}: ${problems.join("; ")}`);
}
