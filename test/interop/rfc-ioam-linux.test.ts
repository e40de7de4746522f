// Linux interop for RFC 9486 IOAM: manycast is the encapsulating node, two Linux kernels are
// transit nodes, a third namespace captures; tshark reads what everyone wrote, and manycast, as
// the decapsulating node, reads the same trace back. The lab is test/support/rfc-ioam-lab.ts; on a
// kernel without IOAM transit its recording stands in (as long as manycast's output is unchanged).
import { beforeAll, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { describeWith, NEEDS, skipUnlessLive } from "../support/requirements.js";
import { tsharkRows } from "../support/tshark.js";
import { manycast, readLines, scratchDir } from "../support/cli.js";
import { disagreement, labDiffs, obtainLab, staleInput, staleMessage, type Obtained } from "../support/kernel-recordings.js";
import { encapsulate, PACKETS, RFC_IOAM_NEEDS, RFC_IOAM_RECORDING, runRfcIoamLab, type RfcIoamFiles } from "../support/rfc-ioam-lab.js";

const DECAP = (exportFile: string) => `
classify table mask l3 ip6 dst acl-miss-next ip6-node ip6-lookup
classify session acl-hit-next ip6-node ip6-lookup table-index 0 match l3 ip6 dst 2001:db8:3::2 ioam-decap rfc
set int input acl intfc pcap0 ip6-table 0
set ioam6 namespace 123 data 0x44444444
set ioam6 node-id 4
set interface ioam6 pcap0 enable
set ioam export file ${exportFile}
`;

describeWith(NEEDS.kernelOracle, "RFC 9486 IOAM: manycast encapsulates, two Linux transit nodes, manycast decapsulates", () => {
  const dir = scratchDir("rfc-interop");
  let lab: Obtained<RfcIoamFiles>;
  let capture = "";
  let hdrErrors = "";

  beforeAll(async () => {
    lab = await obtainLab<RfcIoamFiles>(RFC_IOAM_RECORDING, RFC_IOAM_NEEDS, ["encapsulated", "received", "hdrErrors"], () => runRfcIoamLab(dir));
    if (lab.source === "recorded") {
      // The kernel's recorded answer stands in only for the output manycast still emits.
      const stale = staleInput(encapsulate(dir), lab.files.encapsulated);
      if (stale) throw new Error(staleMessage(lab.rec!, stale));
    }
    capture = lab.files.received;
    hdrErrors = readFileSync(lab.files.hdrErrors, "utf8");
  }, 120_000);

  it("Linux accepts every packet manycast emitted (no header errors) and fills its slots", () => {
    expect(hdrErrors).toMatch(/Ip6InHdrErrors/);
    expect(hdrErrors).not.toMatch(/Ip6InHdrErrors\s+[1-9]/);
    const rows = tsharkRows(
      capture,
      [
        "ipv6.opt.ioam.trace.ns",
        "ipv6.opt.ioam.trace.nodelen",
        "ipv6.opt.ioam.trace.remlen",
        "ipv6.opt.ioam.trace.node.id",
        "ipv6.opt.ioam.trace.node.hlim",
        "ipv6.opt.ioam.trace.node.nsdata",
        "ipv6.opt.ioam.trace.node.iif",
      ],
      ["-Y", "ipv6.opt.ioam.trace.ns == 123"],
    );
    expect(rows).toHaveLength(PACKETS);
    for (const row of rows) {
      // Most recent first: c (3), b (2), then manycast (1); one slot still free. Linux's interface
      // ids default to 0xffff; pcap0's is the configured 11. Each Linux node records the hop limit
      // it received minus one; manycast, the encapsulator (a bump in the wire), the one it sent.
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
      // As the kernel: every node that received the packet records its hop limit minus one (62
      // arrived, 61 recorded), even a node that does not decrement it (a bump in the wire).
      expect(t.nodes.map((n: { hopLimit: number }) => n.hopLimit)).toEqual([64, 63, 62, 61]);
    }
  });

  it("live: Linux's transit output agrees with the recording, field for field", (ctx) => {
    if (skipUnlessLive(lab, RFC_IOAM_RECORDING, ctx)) return;
    const diffs = labDiffs(lab, RFC_IOAM_RECORDING, { received: "ipv6.opt.ioam.trace.ns == 123" }, { key: "encapsulated", answers: ["received"] });
    expect(diffs, disagreement(RFC_IOAM_RECORDING, lab.rec!, diffs)).toEqual([]);
  });
});
