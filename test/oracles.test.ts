// Sanity checks of the independent oracles themselves: tshark's field list, the scapy
// captures and the Linux kernel captures. If these fail, decoder comparisons against
// them mean nothing.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ALL_DECODER_FIELDS, FIELD_GROUPS, IOAM_EXPERT_FIELDS, IOAM_FIELDS } from "./support/decoder-fields.js";
import {
  IOAM_CASES,
  LAB,
  LAB_PHASES,
  comparePhaseWithRecording,
  obtainKernelCaptures,
  phaseRecordingId,
  type KernelCaptures,
} from "./support/kernel-captures.js";
import { disagreement, recording } from "./support/kernel-recordings.js";
import { listNamespaces } from "./support/netns.js";
import { NEEDS, describeWith, skipUnlessLive } from "./support/requirements.js";
import { buildScapyCaptures, framesMatching, type ScapyCapture } from "./support/scapy-captures.js";
import { tsharkCount, tsharkFieldInfo, tsharkFieldNames, tsharkFields, tsharkRows } from "./support/tshark.js";

const keep = process.env.MANYCAST_KEEP_CAPTURES === "1";

describeWith(NEEDS.tshark, "tshark field list", () => {
  it("knows every field the decoder must reproduce", () => {
    const names = tsharkFieldNames();
    expect(ALL_DECODER_FIELDS.filter((f) => !names.has(f))).toEqual([]);
  });

  it("IOAM_FIELDS is exactly tshark's ipv6.opt.ioam.* value fields", () => {
    const info = [...tsharkFieldInfo().values()].filter((f) => f.abbrev.startsWith("ipv6.opt.ioam."));
    expect(info.filter((f) => f.type !== "FT_NONE").map((f) => f.abbrev)).toEqual([...IOAM_FIELDS]);
    expect(info.filter((f) => f.type === "FT_NONE").map((f) => f.abbrev)).toEqual([...IOAM_EXPERT_FIELDS]);
  });

  it("field groups cover every field, lead with frame.number and stay small", () => {
    const covered = new Set<string>();
    for (const g of Object.values(FIELD_GROUPS)) {
      expect(g[0]).toBe("frame.number");
      expect(g.length).toBeLessThanOrEqual(16);
      for (const f of g) covered.add(f);
    }
    expect(ALL_DECODER_FIELDS.filter((f) => !covered.has(f))).toEqual([]);
  });
});

describeWith(NEEDS.scapy, "scapy oracle captures", () => {
  let dir: string;
  let traffic: ScapyCapture;
  let malformed: ScapyCapture;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "manycast-scapy-"));
    ({ traffic, malformed } = buildScapyCaptures(dir));
  });
  afterAll(() => {
    if (dir && !keep) rmSync(dir, { recursive: true, force: true });
  });

  it("are deterministic", () => {
    const again = buildScapyCaptures(join(dir, "again"));
    expect(readFileSync(again.traffic.file).equals(readFileSync(traffic.file))).toBe(true);
    expect(readFileSync(again.malformed.file).equals(readFileSync(malformed.file))).toBe(true);
  });

  it("have one sidecar entry per frame", () => {
    const n = tsharkCount(traffic.file);
    expect(n).toBeGreaterThanOrEqual(100);
    expect(n).toBeLessThanOrEqual(200);
    expect(Object.keys(traffic.index)).toHaveLength(n);
    expect(Object.keys(malformed.index)).toHaveLength(tsharkCount(malformed.file));
  });

  it("decode the standards IOAM vector V1 after one Linux hop", () => {
    const [f] = framesMatching(traffic, /^IOAM V1 after/);
    const out = tsharkFields(
      traffic.file,
      [
        "ipv6.opt.type",
        "ipv6.opt.ioam.trace.ns",
        "ipv6.opt.ioam.trace.nodelen",
        "ipv6.opt.ioam.trace.remlen",
        "ipv6.opt.ioam.trace.type",
        "ipv6.opt.ioam.trace.free_space",
        "ipv6.opt.ioam.trace.node.hlim",
        "ipv6.opt.ioam.trace.node.id",
      ],
      ["-Y", `frame.number == ${f}`],
    );
    expect(out).toBe("0x01,0x31,0x01\t123\t1\t2\t0x800000\t0000000000000000\t63\t0x000002\n");
  });

  /** tshark's rows of `fields` for the first frame each description matches (in frame order), and those frames. */
  function firstMatchRows(descriptions: RegExp[], fields: string[]) {
    const frames = descriptions.map((re) => framesMatching(traffic, re)[0]);
    return { frames, rows: tsharkRows(traffic.file, fields, ["-Y", `frame.number in {${frames.join(",")}}`]) };
  }

  it("decode multi-node traces most recent first, and the O flag", () => {
    const { frames, rows } = firstMatchRows(
      [/^IOAM V1b/, /O flag set/],
      ["frame.number", "ipv6.opt.ioam.trace.node.hlim", "ipv6.opt.ioam.trace.node.id", "ipv6.opt.ioam.trace.flags", "ipv6.opt.ioam.trace.flag.o"],
    );
    const [v1b, o] = frames;
    expect(rows).toEqual([
      [String(v1b), "63,64", "0x000002,0x000001", "0x0000", "0"],
      [String(o), "", "", "0x0008", "1"],
    ]);
  });

  it("decode SRH segment lists in index order and HMAC flags", () => {
    const { rows } = firstMatchRows(
      [/vector V2 as sent/, /vector V6 shape/],
      ["ipv6.routing.type", "ipv6.routing.segleft", "ipv6.routing.srh.last_entry", "ipv6.routing.srh.flags", "ipv6.routing.srh.addr"],
    );
    expect(rows).toEqual([
      ["4", "1", "1", "0x00", "2001:db8:2::2,fc00:b::1"],
      ["4", "1", "1", "0x08", "2001:db8:2::2,fc00:b::1"],
    ]);
  });

  it("let tshark reassemble the fragmented UDP datagram", () => {
    const frags = framesMatching(traffic, /^UDP 2568 bytes fragmented/);
    expect(frags.length).toBeGreaterThanOrEqual(2);
    const last = frags[frags.length - 1];
    const rows = tsharkRows(traffic.file, ["frame.number", "udp.srcport", "udp.length"], ["-Y", "udp.srcport == 40021"]);
    expect(rows).toEqual([[String(last), "40021", "2568"]]);
  });

  it("run every decoder field on both files (one tshark call each)", () => {
    expect(tsharkRows(traffic.file, [...ALL_DECODER_FIELDS])).toHaveLength(Object.keys(traffic.index).length);
    expect(tsharkRows(malformed.file, [...ALL_DECODER_FIELDS])).toHaveLength(Object.keys(malformed.index).length);
  });
});

describeWith(NEEDS.kernelOracle, "kernel oracle captures", () => {
  let dir: string;
  let caps: KernelCaptures;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "manycast-kernel-"));
    try {
      caps = await obtainKernelCaptures(dir);
    } catch (e) {
      if (!keep) rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    if (caps.live) console.info(`kernel captures in ${dir}: ${JSON.stringify(caps.live.timingsMs)}`);
    for (const n of caps.live?.notes ?? []) console.warn(`kernel captures: ${n}`);
  }, 120_000);
  afterAll(() => {
    if (dir && !keep) rmSync(dir, { recursive: true, force: true });
  });

  it("the live lab leaves no namespaces behind", (ctx) => {
    if (!caps.live) {
      console.warn(`skipped: no live kernel lab: ${Object.values(caps.why)[0]}`);
      return ctx.skip();
    }
    expect(listNamespaces(caps.live.prefix)).toEqual([]);
  });

  for (const phase of LAB_PHASES) {
    it(`${phase}: the live capture agrees with the recording, field for field`, (ctx) => {
      const rec = recording(phaseRecordingId(phase));
      if (skipUnlessLive({ source: caps.source[phase], why: `${caps.why[phase]}; compared against the recording from ${rec.origin}` }, phase, ctx)) return;
      const diffs = comparePhaseWithRecording(phase, caps.links[phase], rec);
      expect(diffs, disagreement(`kernel lab ${phase}`, rec, diffs)).toEqual([]);
    });
  }

  it("has the IOAM node id 0x000002 written by kernel node b, with its interface ids", () => {
    const rows = tsharkRows(
      caps.ioamTransit,
      [
        "icmpv6.echo.sequence_number",
        "ipv6.hlim",
        "ipv6.opt.ioam.trace.type",
        "ipv6.opt.ioam.trace.node.hlim",
        "ipv6.opt.ioam.trace.node.id",
        "ipv6.opt.ioam.trace.node.iif",
        "ipv6.opt.ioam.trace.node.eif",
      ],
      ["-Y", `icmpv6.type == 128 && ipv6.src == ${LAB.a}`],
    );
    const first = rows.find((r) => r[0] === "1");
    expect(first).toEqual(["1", "63", "0x800000", "63", "0x000002", "", ""]);
    const ifs = rows.find((r) => r[0] === "3");
    expect(ifs).toEqual(["3", "63", "0xc00000", "63", "0x000002", "0x00c9", "0x00ca"]);
    // every case the kernel fills carries node b's id
    for (const c of IOAM_CASES.filter((k) => k.expect.nodeIds.startsWith("0x000002"))) {
      expect(rows.find((r) => r[0] === String(c.seq))?.[4]).toBe(c.expect.nodeIds);
    }
  });

  it("has the kernel's namespace data, wide ids and opaque state snapshot", () => {
    const rows = tsharkRows(
      caps.ioamTransit,
      [
        "icmpv6.echo.sequence_number",
        "ipv6.opt.ioam.trace.node.nsdata",
        "ipv6.opt.ioam.trace.node.trdelay",
        "ipv6.opt.ioam.trace.node.id_wide",
        "ipv6.opt.ioam.trace.node.nsdata_wide",
        "ipv6.opt.ioam.trace.node.oss.len",
        "ipv6.opt.ioam.trace.node.oss.scid",
        "ipv6.opt.ioam.trace.node.oss.data",
      ],
      ["-Y", "icmpv6.type == 128 && icmpv6.echo.sequence_number in {5,6,7}"],
    );
    const bySeq = new Map(rows.map((r) => [r[0], r]));
    expect(bySeq.get("5")?.slice(1, 3)).toEqual(["0xdeadbeef", "0xffffffff"]);
    expect(bySeq.get("6")?.slice(3, 5)).toEqual(["0x000000000153158e", LAB.nsDataWide]);
    const schemaHex = Buffer.from(LAB.schema).toString("hex") + "000000";
    expect(bySeq.get("7")?.slice(5)).toEqual(["9", "0x000309", schemaHex]);
  });

  it("has SRv6 encap packets with the expected segment list before and after End", () => {
    const rows = tsharkRows(
      caps.seg6Encap,
      ["ipv6.dst", "ipv6.routing.segleft", "ipv6.routing.srh.last_entry", "ipv6.routing.srh.addr", "ipv6.routing.nxt"],
      ["-Y", "ipv6.routing.type == 4 && icmpv6.type == 128"],
    );
    expect(rows).toContainEqual([`${LAB.sidEnd},${LAB.dst.encap}`, "1", "1", `${LAB.c},${LAB.sidEnd}`, "41"]);
    expect(rows).toContainEqual([`${LAB.c},${LAB.dst.encap}`, "0", "1", `${LAB.c},${LAB.sidEnd}`, "41"]);
  });

  it("has inline (H.Insert) and reduced (encap.red) SRHs", () => {
    const inline = tsharkRows(caps.seg6Inline, ["ipv6.dst", "ipv6.routing.srh.addr", "ipv6.routing.nxt"], ["-Y", "ipv6.routing.type == 4 && udp"]);
    expect(inline).toContainEqual([LAB.sidEnd, `${LAB.dst.inline},${LAB.sidEnd}`, "17"]);
    const red = tsharkRows(
      caps.seg6EncapRed,
      ["ipv6.routing.segleft", "ipv6.routing.srh.last_entry", "ipv6.routing.srh.addr"],
      ["-Y", "ipv6.routing.type == 4"],
    );
    expect(red).toContainEqual(["1", "0", LAB.c]);
  });

  it("has a real TCP connection with kernel options, ND and MLD", () => {
    const syn = tsharkRows(caps.tcp, ["tcp.flags", "tcp.option_kind", "tcp.dstport"], ["-Y", "tcp.flags == 0x002"]);
    expect(syn).toHaveLength(1);
    expect(syn[0][1].split(",")).toEqual(["2", "4", "8", "1", "3"]); // MSS, SACK-perm, TS, NOP, WS
    expect(tsharkCount(caps.tcp, "icmpv6.type == 135")).toBeGreaterThan(0);
    expect(tsharkCount(caps.tcp, "icmpv6.type == 143")).toBeGreaterThan(0);
  });

  it("runs every decoder field over every kernel capture", () => {
    for (const f of LAB_PHASES.map((p) => caps[p])) {
      const rows = tsharkRows(f, [...ALL_DECODER_FIELDS]);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.length === ALL_DECODER_FIELDS.length)).toBe(true);
    }
  });
});
