// examples/manycast/: the M-Anycast guide's M config under `manycast replay` on a capture of client
// SYNs and post-handshake segments (examples/manycast/make-clients.mjs), then the guide's server edge
// for db07::1 on the copies M sprayed to it. A single-node replay has no servers: no SYN-ACK comes
// back, so M decides nothing and drops the later segments; the full loop is `manycast simulate`.
import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { manycast, readFrames, REPO, scratchDir, writeFrames } from "../support/cli.js";
import { describeWith, NEEDS } from "../support/requirements.js";
import { tsharkRows } from "../support/tshark.js";
import { readHbhTraces } from "../../src/host/ioam/trace-reader.js";
import { formatIp6 } from "../../src/host/format/ip6-address.js";
import { VPP_E2E_CACHE_POOL_INDEX, VPP_E2E_ID_ADDRESS } from "../../assembly/wire/vpp-ioam.layout.js";
// @ts-expect-error: a plain ES module of the examples, without types
import { CLIENTS, clientFrames } from "../../examples/manycast/make-clients.mjs";

const EXAMPLE = join(REPO, "examples", "manycast");
const SERVERS = ["db07::1", "db08::1", "db09::1"];
const FIELDS = ["ipv6.src", "ipv6.dst", "ipv6.routing.segleft", "ipv6.routing.srh.addr", "ipv6.opt.type", "tcp.flags"];
const HBH = 14 + 40; // Ethernet + IPv6 header
const OPT_E2E_CACHE = 0x1f;
const OPT_E2E_ID = 0x1e;

/** Where each hop-by-hop option of `frame` starts, by type. */
function hbhOptions(frame: Uint8Array): Map<number, number> {
  const options = new Map<number, number>();
  const end = HBH + (frame[HBH + 1] + 1) * 8;
  for (let at = HBH + 2; at < end; at += frame[at] === 0 ? 1 : frame[at + 1] + 2) if (frame[at]) options.set(frame[at], at);
  return options;
}

/** `manycast decode FILE -T fields`: rows of columns, as tshark prints them. */
function decodeRows(file: string, fields: string[]): string[][] {
  const run = manycast(["decode", file, "-T", "fields", ...fields.flatMap((f) => ["-e", f])]);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split("\t"));
}

describe("examples/manycast: M under manycast replay", () => {
  const dir = scratchDir("m-replay");
  const input = join(dir, "clients.pcap");
  const mOut = join(dir, "m.pcap");
  let m: ReturnType<typeof manycast>;
  beforeAll(() => {
    writeFrames(input, clientFrames());
    m = manycast(["replay", "-c", join(EXAMPLE, "m.conf"), "--in", input, "--out", mOut, "--show", "show ioam ip6 sr-tunnel-select"]);
  });

  it("runs the guide's config without a complaint", () => {
    expect(m.status, m.stderr).toBe(0);
    expect(m.stderr).toBe("");
  });

  it("sprays every SYN to the three servers with an SRH [anycast, server]", () => {
    const rows = decodeRows(mOut, FIELDS);
    expect(rows).toHaveLength(3 * CLIENTS);
    for (const [src, dst, segmentsLeft, segments, , flags] of rows) {
      expect(flags).toBe("0x0002");
      expect(src).toMatch(/^db04::[1-6]$/);
      expect(segmentsLeft).toBe("1");
      expect(segments).toBe(`db06::6,${dst}`);
    }
    for (let c = 1; c <= CLIENTS; c++)
      expect(
        rows
          .filter((r) => r[0] === `db04::${c}`)
          .map((r) => r[1])
          .sort(),
      ).toEqual(SERVERS);
  });

  it("gives each SYN the trace, E2E-cache and E2E-ID options: one selection entry per connection, M's SID to return to", () => {
    const frames = readFrames(mOut);
    const entries = new Map<string, Set<number>>();
    for (const frame of frames) {
      const [trace] = readHbhTraces(frame.subarray(HBH));
      expect(trace).toMatchObject({ format: "vpp", traceType: 0x09 });
      const options = hbhOptions(frame);
      expect(formatIp6(frame.subarray(options.get(OPT_E2E_ID)! + VPP_E2E_ID_ADDRESS))).toBe("db0a::2");
      const entry = new DataView(frame.buffer, frame.byteOffset).getUint32(options.get(OPT_E2E_CACHE)! + VPP_E2E_CACHE_POOL_INDEX, true);
      const client = formatIp6(frame.subarray(14 + 8));
      entries.set(client, (entries.get(client) ?? new Set()).add(entry));
    }
    expect(entries.size).toBe(CLIENTS);
    for (const set of entries.values()) expect(set.size).toBe(1); // the three copies name the same entry
    expect(new Set([...entries.values()].map((s) => [...s][0])).size).toBe(CLIENTS);
  });

  it("drops the segments after the handshake: no SYN-ACK came back, so no connection was selected", () => {
    expect(m.stdout).toMatch(new RegExp(`${2 * CLIENTS}\\s+ip6-add-syn-hop-by-hop\\s+TCP segment of no selected connection`));
    expect(m.stdout).toMatch(new RegExp(`${CLIENTS}\\s+ip6-add-syn-hop-by-hop\\s+iOAM Syn Pkts state saved`));
    expect(m.stdout).toMatch(new RegExp(`${2 * CLIENTS}\\s+sr-pl-rewrite-insert\\s+spray copies made`));
  });

  it("show ioam ip6 sr-tunnel-select: six selections, none decided, no server or flow", () => {
    expect(m.stdout).toMatch(/sr-tunnel-select: enabled, policy oneway, wait_for_responses 3/);
    expect(m.stdout).toMatch(new RegExp(`${CLIENTS} SYNs \\(0 to a known server\\), 0 decided`));
    // Still waiting when the capture ends, or timed out if the replay lets their wait run out.
    const [, timedOut, collecting] = m.stdout.match(/(\d+) without a response \(\d+ of them steered: that server forgotten\), (\d+) collecting/)!;
    expect(Number(timedOut) + Number(collecting)).toBe(CLIENTS);
    expect(m.stdout).toMatch(new RegExp(`Selection entries in use: ${collecting} of 4096`));
    expect(m.stdout).toMatch(/Servers: none chosen yet/);
    expect(m.stdout).toMatch(/Live flows: 0 of 65536/);
  });

  describeWith(NEEDS.tshark, "tshark reads M's output as our decoder does", () => {
    it("agrees field by field", () => {
      expect(tsharkRows(mOut, FIELDS)).toEqual(decodeRows(mOut, FIELDS));
    });
  });

  describe("the guide's server edge for db07::1 on the copies sprayed to it", () => {
    let edge: ReturnType<typeof manycast>;
    const edgeOut = join(dir, "edge.pcap");
    beforeAll(() => {
      const toDb07 = readFrames(mOut).filter((f) => formatIp6(f.subarray(14 + 24)) === "db07::1");
      writeFrames(join(dir, "edge-in.pcap"), toDb07);
      edge = manycast(["replay", "-c", join(EXAMPLE, "edge-db07.conf"), "--in", join(dir, "edge-in.pcap"), "--out", edgeOut, "--show", "show ioam ip6 cache"]);
    });

    it("caches and removes the IOAM header, ends the SRH (PSP) and forwards the SYN to the anycast server", () => {
      expect(edge.status, edge.stderr).toBe(0);
      const rows = decodeRows(edgeOut, ["ipv6.dst", "ipv6.nxt", "tcp.flags"]);
      expect(rows).toEqual(Array.from({ length: CLIENTS }, () => ["db06::6", "6", "0x0002"]));
      expect(edge.stdout).toMatch(new RegExp(`${CLIENTS}\\s+ip6-ioam-cache\\s+ip6 iOAM headers cached`));
      expect(edge.stdout).toMatch(new RegExp(`ioam ip6 cache: sr_localsid db07::1, ${CLIENTS} of 4096 entries`));
      expect(edge.stdout).toMatch(/next hop db0a::2/);
    });
  });
});
