// The Linux differential for the SR policy headend (issue 4's main proof). A Linux router b
// forwards a's UDP and ICMPv6 (some with an IOAM hop-by-hop header) through seg6 routes in mode
// encap, encap.red and inline; `manycast replay`, configured with the equivalent policies and
// steering, forwards the very same packets (as captured on a's link). tshark must read the same
// IPv6 and SRH fields in both outputs, outer and inner; for inline the one allowed difference is
// where the SRH sits next to a hop-by-hop header (after it, RFC 8200; Linux puts it in front).
// Then a second Linux router with a seg6local End SID must accept and forward what manycast emitted.
// The lab is test/support/srv6-headend-lab.ts; on a kernel without seg6 its recording stands in.
import { beforeAll, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { describeWith, NEEDS, skipUnlessLive } from "../support/requirements.js";
import { scratchDir } from "../support/cli.js";
import { disagreement, labDiffs, obtainLab, staleInput, staleMessage, type Obtained } from "../support/kernel-recordings.js";
import { HEADEND, HEADEND_NEEDS, HEADEND_RECORDING, MANYCAST_HEADEND, runHeadendLab, SENT, type HeadendFiles } from "../support/srv6-headend-lab.js";
import { replay, srv6Rows, type FieldRow } from "../support/srv6-fields.js";

const KEYS = ["sent", "linuxOut", "ours", "endOut", "endNstat"] as const;

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

describeWith(NEEDS.kernelOracle, "SRv6 headend: manycast against a Linux seg6 router", () => {
  const dir = scratchDir("srv6-headend");
  let lab: Obtained<HeadendFiles>;
  let ours = "";

  beforeAll(async () => {
    lab = await obtainLab<HeadendFiles>(HEADEND_RECORDING, HEADEND_NEEDS, KEYS, () => runHeadendLab(dir));
    // manycast's part always runs now, on the packets a sent (live, or as recorded).
    ours = lab.source === "live" ? lab.files.ours : replay(dir, "headend", MANYCAST_HEADEND, lab.files.sent);
  }, 180_000);

  for (const [mode, dst] of Object.entries(HEADEND.destinations)) {
    it(`${mode}: manycast writes the IPv6 and SRH fields Linux writes, outer and inner`, () => {
      const filter = `${SENT} && (ipv6.dst == ${dst} || ipv6.routing.srh.addr == ${dst})`;
      const linux = srv6Rows(lab.files.linuxOut, filter);
      expect(linux).toHaveLength(5);
      expect(linux.map((r) => r["ipv6.routing.type"])).toEqual(["4", "4", "4", "4", "4"]);
      const expected = mode === "inline" ? linux.map(withHopByHopFirst) : linux;
      expect(srv6Rows(ours, filter)).toEqual(expected);
    });
  }

  it("inline next to a hop-by-hop header: Linux puts the SRH first, manycast after the hop-by-hop header", () => {
    const filter = `${SENT} && ipv6.routing.srh.addr == ${HEADEND.destinations.inline} && ipv6.hopopts`;
    expect(srv6Rows(lab.files.linuxOut, filter).map((r) => r["ipv6.nxt"])).toEqual(["43", "43"]);
    expect(srv6Rows(ours, filter).map((r) => [r["ipv6.nxt"], r["ipv6.hopopts.nxt"], r["ipv6.routing.nxt"]])).toEqual([
      ["0", "43", "58"],
      ["0", "43", "58"],
    ]);
  });

  it("a Linux End node accepts and forwards every packet manycast encapsulated or inserted", () => {
    if (lab.source === "recorded") {
      const stale = staleInput(ours, lab.files.ours);
      expect(stale, stale && staleMessage(lab.rec!, stale)).toBeUndefined();
    }
    const endHeaderErrors = readFileSync(lab.files.endNstat, "utf8");
    expect(endHeaderErrors).toMatch(/Ip6InHdrErrors/);
    expect(endHeaderErrors).not.toMatch(/Ip6InHdrErrors\s+[1-9]/);
    const after = srv6Rows(lab.files.endOut, `ipv6.src == ${HEADEND.source} && ipv6.routing.type == 4`);
    expect(after).toHaveLength(15);
    for (const row of after) {
      expect(row["ipv6.routing.segleft"]).toBe("0");
      expect(row["ipv6.dst"].split(",")[0]).toBe(row["ipv6.routing.srh.addr"].split(",")[0]);
    }
    const oursRows = srv6Rows(ours, `ipv6.routing.type == 4`);
    expect(after.map((r) => r["ipv6.hlim"].split(",")[0])).toEqual(oursRows.map((r) => String(Number(r["ipv6.hlim"].split(",")[0]) - 1)));
  });

  it("live: Linux's captures agree with the recording, field for field", (ctx) => {
    if (skipUnlessLive(lab, HEADEND_RECORDING, ctx)) return;
    const end = `ipv6.src == ${HEADEND.source}`;
    const diffs = labDiffs(lab, HEADEND_RECORDING, { sent: SENT, linuxOut: SENT, endOut: end }, { key: "ours", answers: ["endOut"] });
    expect(diffs, disagreement(HEADEND_RECORDING, lab.rec!, diffs)).toEqual([]);
  });
});
