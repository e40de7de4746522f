// `pcap trace` in replay: what the engine received and sent, into a pcapng under /tmp that names
// the interfaces; a capture still running when the replay ends is finished then.
import { describe, expect, it } from "vitest";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { manycast, REPO, scratchDir } from "../support/cli.js";
import { readFrames } from "../support/cli.js";
import { CaptureFileReader } from "../../src/io/capture-file.js";

/** `manycast replay` of examples/sample.pcapng into a scratch pcap, with `options`. */
const replaySample = (...options: string[]) =>
  manycast(["replay", "--in", join(REPO, "examples", "sample.pcapng"), "--out", join(scratchDir("pcap-trace"), "out.pcap"), ...options]);

describe("pcap trace", () => {
  it("captures rx and tx up to max into /tmp/NAME as pcapng, and reports a capture that filled up when the replay ends", () => {
    const name = `manycast-pcap-trace-${process.pid}.pcapng`;
    const path = join("/tmp", name);
    try {
      const r = replaySample("-q", "--exec", `pcap trace rx tx max 6 intfc pcap0 file ${name}`);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Wrote 6 packets to ${path}`);
      expect(readFrames(path)).toHaveLength(6);
      const reader = CaptureFileReader.open(path);
      expect(reader.format).toBe("pcapng");
      reader.close();
    } finally {
      rmSync(path, { force: true });
    }
  });

  it("refuses a path, drop capture and nothing to capture, with the column", () => {
    const r = replaySample("--exec", "pcap trace rx file /etc/x");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--exec #1:1:20: '/etc/x': a file name only; the capture is written under /tmp/ (as VPP does)");
    expect(existsSync("/etc/x")).toBe(false);
    const r2 = replaySample("--exec", "pcap trace max 5", "--exec", "pcap trace rx drop");
    expect(r2.stderr).toContain("--exec #1:1:12: say what to capture: rx, tx or both");
    expect(r2.stderr).toContain("--exec #2:1:15: drop capture is not supported");
  });
});
