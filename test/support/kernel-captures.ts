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
//
// Tests ask obtainKernelCaptures(), which builds live the phases whose kernel features the
// running kernel has (test/support/kernel-features.ts) and takes the others from the recordings
// under test/fixtures/kernel/ (test/support/kernel-recordings.ts); comparePhaseWithRecording()
// is the field-for-field check of a live phase against its recording.
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { LABTOOL, NetnsLab, sleep, type Capture } from "./netns.js";
import { SYSTEM_PYTHON } from "./environment.js";
import { chooseSource, type KernelFeature } from "./kernel-features.js";
import { diffRows, recording, stableRows, STABLE_FIELDS, type Recording } from "./kernel-recordings.js";
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

/** The lab's phases, in the order the builder runs them. */
export const LAB_PHASES = ["ioamTransit", "seg6Encap", "seg6EncapRed", "seg6Inline", "seg6Psp", "seg6Dt6", "seg6Hmac", "tcp"] as const;
export type LabPhase = (typeof LAB_PHASES)[number];
export type Seg6Phase = Exclude<LabPhase, "ioamTransit" | "tcp">;

const SEG6: KernelFeature[] = ["netns", "veth", "seg6", "seg6local"];
/** What each phase needs of the kernel. */
export const PHASE_NEEDS: Readonly<Record<LabPhase, readonly KernelFeature[]>> = {
  ioamTransit: ["netns", "veth", "ioam6Transit"],
  seg6Encap: SEG6,
  seg6EncapRed: SEG6,
  seg6Inline: SEG6,
  seg6Psp: SEG6,
  seg6Dt6: SEG6,
  seg6Hmac: [...SEG6, "seg6Hmac"],
  tcp: ["netns", "veth"],
};

/** The links each phase captures: ab = a0 (the a-b link), bc = c0 (the b-c link). */
export const PHASE_LINKS: Readonly<Record<LabPhase, readonly ("ab" | "bc")[]>> = {
  ioamTransit: ["bc"],
  seg6Encap: ["ab", "bc"],
  seg6EncapRed: ["ab", "bc"],
  seg6Inline: ["ab", "bc"],
  seg6Psp: ["ab", "bc"],
  seg6Dt6: ["ab", "bc"],
  seg6Hmac: ["ab", "bc"],
  tcp: ["bc"],
};

/** The recording of a phase in test/fixtures/kernel/recordings.json. */
export const phaseRecordingId = (phase: LabPhase): string => `lab.${phase}`;

/** a's echo requests and UDP datagrams, not c's ICMPv6 errors that quote them. */
export const FROM_A = `ipv6.src == ${LAB.a} && (udp.dstport == ${LAB.udpPort} || icmpv6.type == 128) && !(icmpv6.type < 128)`;

export interface PhaseLinks {
  ab?: string;
  bc?: string;
}

/** What a live run of the lab built. */
export interface LiveCaptures {
  /** Per phase built: the merged capture and the per-link ones. */
  phases: Partial<Record<LabPhase, { merged: string; links: PhaseLinks }>>;
  /** Wall-clock milliseconds per phase and in total. */
  timingsMs: Record<string, number>;
  /** The namespace prefix that was used (all deleted by now). */
  prefix: string;
  /** Anything unusual that happened (a retry). */
  notes: string[];
}

/** Every phase's capture (every phase asked for), live where the kernel can, recorded where it cannot. */
export type KernelCaptures = Record<LabPhase, string> & {
  /** Per phase, the unmerged captures: ab = on a0, bc = on c0. */
  links: Record<LabPhase, PhaseLinks>;
  /** Per phase, whether it was built just now or read from its recording. */
  source: Record<LabPhase, "live" | "recorded">;
  /** Per recorded phase, why it was not built live (e.g. "kernel lacks seg6 lwtunnel (CONFIG_IPV6_SEG6_LWTUNNEL)"). */
  why: Partial<Record<LabPhase, string>>;
  /** The live run, when at least one phase was built live. */
  live?: LiveCaptures;
};

export interface BuildOptions {
  /** Extra wait after building the lab, before the warm-up (default 1000 ms; §3.4 settle time). */
  settleMs?: number;
  /** The phases to build (default: all); the lab is configured for these only. */
  phases?: readonly LabPhase[];
}

function mergecap(out: string, inputs: string[]): string {
  execFileSync("mergecap", ["-F", "pcap", "-w", out, ...inputs], { stdio: ["ignore", "ignore", "pipe"] });
  return out;
}

function nonEmpty(file: string): void {
  const st = statSync(file);
  if (st.size <= 24) throw new Error(`capture ${file} is empty`);
}

/**
 * Every lab phase asked for, each built live when the environment (root, netns, tools:
 * NEEDS.kernelLab) and the running kernel allow, and read from its recording otherwise
 * (chooseSource: under CI=true only a kernel feature the probe found missing may send a phase to
 * its recording).
 */
export async function obtainKernelCaptures(outDir: string, opts: BuildOptions = {}): Promise<KernelCaptures> {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const why: KernelCaptures["why"] = {};
  const livePhases: LabPhase[] = [];
  const wanted = opts.phases ?? LAB_PHASES;
  for (const phase of wanted) {
    const source = chooseSource(PHASE_NEEDS[phase], `kernel lab ${phase}`);
    if (source.live) livePhases.push(phase);
    else why[phase] = source.why;
  }
  const live = livePhases.length > 0 ? await buildKernelCaptures(join(dir, "live"), { ...opts, phases: livePhases }) : undefined;
  const captures = { links: {}, source: {}, why, live } as KernelCaptures;
  for (const phase of wanted) {
    const built = live?.phases[phase];
    if (built) {
      captures[phase] = built.merged;
      captures.links[phase] = built.links;
      captures.source[phase] = "live";
    } else {
      const rec = recording(phaseRecordingId(phase));
      const links: PhaseLinks = {};
      for (const k of PHASE_LINKS[phase]) links[k] = rec.file(k);
      const inputs = PHASE_LINKS[phase].map((k) => links[k]!);
      captures[phase] = inputs.length === 1 ? inputs[0] : mergecap(join(dir, `${phase}.recorded.pcap`), inputs);
      captures.links[phase] = links;
      captures.source[phase] = "recorded";
    }
  }
  return captures;
}

/** Builds the requested phases (default: all) into outDir. Creates and always deletes its namespaces. */
export async function buildKernelCaptures(outDir: string, opts: BuildOptions = {}): Promise<LiveCaptures> {
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const wanted = new Set<LabPhase>(opts.phases ?? LAB_PHASES);
  const lab = new NetnsLab("k");
  const phases: LiveCaptures["phases"] = {};
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
    buildTopology(lab, A, B, C, wanted);
    mark("setup", t);

    t = Date.now();
    await sleep(opts.settleMs ?? 1000);
    await lab.warmUp(A, LAB.c);
    mark("warmup", t);

    // Starts captures on the phase's links, runs it, stops them, merges.
    const phase = async (name: LabPhase, body: () => Promise<void>): Promise<{ merged: string; links: PhaseLinks }> => {
      const started = Date.now();
      const caps: { ab?: Capture; bc?: Capture } = {};
      const where = PHASE_LINKS[name];
      if (where.includes("ab")) live.push((caps.ab = await lab.startCapture(A, "a0", join(dir, `${name}.ab.pcap`))));
      if (where.includes("bc")) live.push((caps.bc = await lab.startCapture(C, "c0", join(dir, `${name}.bc.pcap`))));
      await body();
      const files: PhaseLinks = {};
      for (const k of ["ab", "bc"] as const) {
        const cap = caps[k];
        if (!cap) continue;
        const r = await cap.stop(250);
        live.splice(live.indexOf(cap), 1);
        if (r.captured === 0) throw new Error(`phase ${name}: tcpdump on ${cap.ifname} captured nothing\n${r.stderr}`);
        nonEmpty(r.file);
        files[k] = r.file;
      }
      const inputs = [files.ab, files.bc].filter((f): f is string => !!f);
      const merged = inputs.length === 1 ? inputs[0] : mergecap(join(dir, `${name}.pcap`), inputs);
      mark(name, started);
      return (phases[name] = { merged, links: files });
    };

    // ---- IOAM transit ------------------------------------------------------------------
    if (wanted.has("ioamTransit")) {
      const batch = JSON.stringify(IOAM_CASES.map((c) => ({ type: c.type, size: c.size, ns: c.ns, flags: c.flags, prefill: c.prefill, seq: c.seq })));
      const send = (): Promise<unknown> => lab.labtool(A, ["ioam", LAB.c, "--batch", batch]);
      let ioamProblems = checkIoam((await phase("ioamTransit", async () => void (await send()))).merged);
      if (ioamProblems.length) {
        // §3.4: right after setup the kernel may forward without IOAM processing. Retry once.
        notes.push(`IOAM transit retried after: ${ioamProblems.join("; ")}`);
        await sleep(1500);
        ioamProblems = checkIoam((await phase("ioamTransit", async () => void (await send()))).merged);
        if (ioamProblems.length) throw new Error(`IOAM transit capture is wrong:\n${ioamProblems.join("\n")}`);
      }
    }

    // ---- SRv6 headend modes and endpoint behaviours --------------------------------------
    const traffic = async (dst: string): Promise<void> => {
      const ping = await lab.labtool(A, ["ping", dst, "--count", "2", "--interval", "0.1", "--timeout", "2"]);
      if (!ping.received) throw new Error(`no echo reply from ${dst} through seg6`);
      await lab.labtool(A, ["udp", dst, String(LAB.udpPort), "--count", "2", "--size", "24", "--sport", "40000"]);
    };
    const seg6: Partial<Record<Seg6Phase, PhaseLinks>> = {};
    const seg6Traffic: Record<Seg6Phase, string[]> = {
      seg6Encap: [LAB.dst.encap],
      seg6EncapRed: [LAB.dst.encapRed],
      seg6Inline: [LAB.dst.inline],
      seg6Psp: [LAB.dst.psp],
      seg6Dt6: [LAB.dst.dt6, LAB.dst.dt6Red],
      seg6Hmac: [LAB.dst.hmac],
    };
    for (const [name, destinations] of Object.entries(seg6Traffic) as [Seg6Phase, string[]][]) {
      if (!wanted.has(name)) continue;
      seg6[name] = (
        await phase(name, async () => {
          for (const d of destinations) await traffic(d);
        })
      ).links;
    }
    checkSeg6(seg6);

    // ---- Kernel TCP, with fresh ND and an MLD report --------------------------------------
    if (wanted.has("tcp")) {
      const tcp = await phase("tcp", async () => {
        lab.ip(C, ["-6", "neigh", "flush", "dev", "c0"]);
        lab.ip(B, ["-6", "neigh", "flush", "dev", "b1"]);
        lab.addAddress(C, "c0", "2001:db8:2::99/64"); // joins ff02::1:ff00:99: an MLDv2 report
        const server = lab.spawn(C, [SYSTEM_PYTHON, "-u", LABTOOL, "tcp-server", LAB.c, String(LAB.tcpPort), "--bytes", String(LAB.tcpBytes)]);
        await server.waitForOutput(/listening/, 10_000);
        const client = await lab.labtool(A, ["tcp-client", LAB.c, String(LAB.tcpPort), "--bytes", String(LAB.tcpBytes)]);
        const code = await server.exited;
        if (code !== 0 || client.received !== LAB.tcpBytes) {
          throw new Error(`TCP exchange failed: server exit ${code} ${server.stderr}; client ${JSON.stringify(client)}`);
        }
        await sleep(300); // MLD report retransmission
      });
      checkTcp(tcp.merged);
    }

    timings.total = Date.now() - t0;
    return { phases, timingsMs: timings, prefix: lab.prefix, notes };
  } finally {
    for (const cap of live) await cap.proc.stop("SIGKILL", 1000);
    lab.cleanup();
  }
}

function buildTopology(lab: NetnsLab, A: string, B: string, C: string, wanted: ReadonlySet<LabPhase>): void {
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

  if (wanted.has("ioamTransit")) {
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
  }

  if (![...wanted].some((p) => p.startsWith("seg6"))) return;
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

  if (wanted.has("seg6Hmac")) {
    // `ip sr hmac set 42 sha256` on every node (the secret on stdin) and the HMAC route on a.
    for (const ns of [A, B, C]) {
      lab.exec(ns, ["ip", "sr", "hmac", "set", String(LAB.hmacKeyId), "sha256"], { input: `${LAB.hmacSecret}\n` });
    }
    lab.addRoute(A, [`${LAB.dst.hmac}/128`, "encap", "seg6", "mode", "encap", "segs", segs2, "hmac", String(LAB.hmacKeyId), "dev", "a0"]);
  }
}

const IOAM_CHECK_FIELDS = ["icmpv6.echo.sequence_number", "ipv6.opt.ioam.trace.remlen", "ipv6.opt.ioam.trace.flag.o", "ipv6.opt.ioam.trace.node.id"];

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

function checkSeg6(links: Partial<Record<Seg6Phase, PhaseLinks>>): void {
  const { seg6Encap: encap, seg6EncapRed: encapRed, seg6Inline: inline, seg6Psp: psp, seg6Dt6: dt6, seg6Hmac: hmac } = links;
  const srh = ["ipv6.dst", "ipv6.routing.segleft", "ipv6.routing.srh.last_entry", "ipv6.routing.srh.flags", "ipv6.routing.srh.addr"];
  const expectRow = (file: string | undefined, what: string, want: string[]): void => {
    const rows = tsharkRows(file!, srh, ["-Y", "ipv6.routing.type == 4"]).map((r) => r.join("\t"));
    if (!rows.includes(want.join("\t"))) {
      throw new Error(`${what}: no packet with ${JSON.stringify(want)} in ${file}; saw ${JSON.stringify([...new Set(rows)])}`);
    }
  };
  const segs = `${LAB.c},${LAB.sidEnd}`;
  if (encap) {
    expectRow(encap.ab, "encap a-b", [`${LAB.sidEnd},${LAB.dst.encap}`, "1", "1", "0x00", segs]);
    expectRow(encap.bc, "encap b-c (after End)", [`${LAB.c},${LAB.dst.encap}`, "0", "1", "0x00", segs]);
  }
  if (encapRed) {
    expectRow(encapRed.ab, "encap.red a-b", [`${LAB.sidEnd},${LAB.dst.encapRed}`, "1", "0", "0x00", LAB.c]);
    expectRow(encapRed.bc, "encap.red b-c", [`${LAB.c},${LAB.dst.encapRed}`, "0", "0", "0x00", LAB.c]);
  }
  if (inline) {
    expectRow(inline.ab, "inline a-b", [LAB.sidEnd, "1", "1", "0x00", `${LAB.dst.inline},${LAB.sidEnd}`]);
    expectRow(inline.bc, "inline b-c", [LAB.dst.inline, "0", "1", "0x00", `${LAB.dst.inline},${LAB.sidEnd}`]);
  }
  if (psp) {
    expectRow(psp.ab, "psp a-b", [LAB.sidEndPsp, "1", "1", "0x00", `${LAB.dst.psp},${LAB.sidEndPsp}`]);
    if (tsharkRows(psp.bc!, ["frame.number"], ["-Y", "ipv6.routing"]).length !== 0) {
      throw new Error(`End PSP: the b-c link still shows an SRH (${psp.bc})`);
    }
  }
  if (dt6) {
    expectRow(dt6.ab, "End.DT6 a-b", [`${LAB.sidEndDt6},${LAB.dst.dt6}`, "0", "0", "0x00", LAB.sidEndDt6]);
    const plain = tsharkRows(dt6.bc!, ["ipv6.dst"], ["-Y", `icmpv6.type == 128`]).map((r) => r[0]);
    for (const d of [LAB.dst.dt6, LAB.dst.dt6Red]) {
      if (!plain.includes(d)) throw new Error(`End.DT6: no decapsulated echo request to ${d} on b-c (${JSON.stringify(plain)})`);
    }
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

// ---- a live phase against its recording ---------------------------------------------------

/** The packets of each phase that say what the kernel did (not ND, MLD or c's ICMPv6 errors). */
const PHASE_SUBJECTS: Readonly<Record<Exclude<LabPhase, "tcp">, string>> = {
  ioamTransit: `icmpv6.type == 128 && ipv6.src == ${LAB.a}`,
  seg6Encap: FROM_A,
  seg6EncapRed: FROM_A,
  seg6Inline: FROM_A,
  seg6Psp: FROM_A,
  seg6Dt6: FROM_A,
  seg6Hmac: FROM_A,
};

/**
 * The kernel TCP connection as facts that do not depend on timing: the handshake segments with
 * every stable field and their options, the payload each way, FINs from both ends, and which ND
 * and MLD messages were seen. How the data is cut into segments depends on scheduling, so the
 * data segments themselves are not compared one by one.
 */
function tcpFacts(file: string): string[] {
  const handshake = stableRows(file, "tcp.flags.syn == 1", [
    ...STABLE_FIELDS,
    "tcp.option_kind",
    "tcp.options.mss_val",
    "tcp.options.wscale.shift",
    "tcp.window_size_value",
  ]);
  const rows = tsharkRows(file, ["ipv6.src", "tcp.len", "tcp.flags.fin", "icmpv6.type"]);
  const facts = new Set<string>();
  const payload = new Map<string, number>();
  for (const [src, len, fin, icmp] of rows) {
    if (len) payload.set(src, (payload.get(src) ?? 0) + Number(len));
    if (fin === "1") facts.add(`FIN from ${src}`);
    for (const t of icmp.split(",").filter((t) => ["135", "136", "143"].includes(t))) facts.add(`icmpv6.type ${t} seen`);
  }
  for (const [src, n] of payload) facts.add(`payload from ${src}: at least ${LAB.tcpBytes} octets: ${n >= LAB.tcpBytes}`);
  return [...handshake, ...[...facts].sort()];
}

/**
 * A live phase against its recording, link by link: the subject packets' stable fields
 * (kernel-recordings.ts STABLE_FIELDS), distinct rows. Returns the differences, empty when they agree.
 */
export function comparePhaseWithRecording(phase: LabPhase, live: PhaseLinks, rec: Recording = recording(phaseRecordingId(phase))): string[] {
  const diffs: string[] = [];
  for (const link of PHASE_LINKS[phase]) {
    const liveFile = live[link];
    if (!liveFile) {
      diffs.push(`${link}: no live capture`);
      continue;
    }
    const recorded = rec.file(link);
    const [ours, theirs] =
      phase === "tcp" ? [tcpFacts(liveFile), tcpFacts(recorded)] : [stableRows(liveFile, PHASE_SUBJECTS[phase]), stableRows(recorded, PHASE_SUBJECTS[phase])];
    if (theirs.length === 0) diffs.push(`${link}: the recording has no subject packets`);
    diffs.push(...diffRows(ours, theirs).map((d) => `${link}: ${d}`));
  }
  return diffs;
}
