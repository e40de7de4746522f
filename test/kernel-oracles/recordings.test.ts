// The recorded kernel oracles and the kernel probe: every recording the labs need is committed,
// intact and says where it came from; the probe's verdicts decide live or recorded as the rules
// say (only a kernel feature the kernel lacks may send a test to a recording under CI=true).
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readFrames, scratchDir, writeFrames } from "../support/cli.js";
import { comparePhaseWithRecording, LAB_PHASES, PHASE_LINKS, PHASE_NEEDS, phaseRecordingId } from "../support/kernel-captures.js";
import { describeWith, NEEDS } from "../support/requirements.js";
import {
  chooseSource,
  KERNEL_FEATURES,
  lackMessage,
  needKernel,
  probeKernel,
  type FeatureState,
  type KernelFeature,
  type KernelProbe,
} from "../support/kernel-features.js";
import { diffRows, readManifest, recording, staleInput, storeRecording } from "../support/kernel-recordings.js";
import { RECORDING_JOBS } from "./recordings.js";

const sha256 = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

function probeWith(states: Partial<Record<KernelFeature, FeatureState>>): KernelProbe {
  const features = Object.fromEntries(Object.keys(KERNEL_FEATURES).map((k) => [k, { state: "present" }])) as Record<KernelFeature, FeatureState>;
  return { release: "test", features: { ...features, ...states } };
}
const LACKS_SEG6: FeatureState = { state: "lacking", detail: "encap seg6: Error: lwt encapsulation type not supported." };

describe("recorded kernel oracles (test/fixtures/kernel/)", () => {
  const manifest = readManifest();

  it("has a recording for every lab phase and lab, and nothing else", () => {
    expect(Object.keys(manifest.recordings).sort()).toEqual(RECORDING_JOBS.map((j) => j.id).sort());
  });

  for (const job of RECORDING_JOBS) {
    it(`${job.id}: files intact, kernel and tools named, needs as the lab says`, () => {
      const rec = recording(job.id);
      expect(rec.needs).toEqual([...job.needs]);
      expect(rec.kernel.release).toMatch(/^\d+\.\d+/);
      expect(rec.where).toMatch(/^(native|qemu: Debian )/);
      expect(Date.parse(rec.recordedAt)).not.toBeNaN();
      for (const tool of ["iproute2", "tcpdump", "tshark"]) expect(rec.tools[tool]).toBeTruthy();
      for (const [key, f] of Object.entries(rec.files)) {
        const abs = rec.file(key); // checks size and sha256 too
        expect(readFileSync(abs).length).toBe(f.bytes);
        expect(sha256(abs)).toBe(f.sha256);
        if (abs.endsWith(".pcap")) expect(readFrames(abs).length).toBeGreaterThan(0);
      }
    });
  }

  it("lab phases hold the links the lab captures", () => {
    for (const phase of LAB_PHASES) {
      expect(Object.keys(recording(phaseRecordingId(phase)).files).sort()).toEqual([...PHASE_LINKS[phase]].sort());
    }
  });

  it("an altered or missing recorded file is refused, naming the command that remakes it", () => {
    const root = scratchDir("recordings");
    const pcap = join(root, "x.pcap");
    writeFrames(pcap, [new Uint8Array(60)]);
    const meta = { needs: [], kernel: { release: "1.0", version: "" }, where: "native", recordedAt: "", tools: {}, notes: [] };
    storeRecording("x", meta, { a: { from: pcap, name: "x/a.pcap" }, b: { from: pcap, name: "x/b.pcap" } }, root);
    const stored = JSON.parse(readFileSync(join(root, "recordings.json"), "utf8"));
    expect(stored.recordings.x.files.a).toEqual({ path: "x/a.pcap", bytes: readFileSync(pcap).length, sha256: sha256(pcap) });
    expect(recording("x", root).file("a")).toBe(join(root, "x/a.pcap"));
    writeFileSync(join(root, "x/b.pcap"), Buffer.concat([readFileSync(pcap), Buffer.from([0])]));
    expect(() => recording("x", root).file("b")).toThrow(/does not match its sha256.*npm run record:kernel -- --only x/);
    expect(() => recording("x", root).file("c")).toThrow(/has no file "c"/);
    expect(() => recording("no-such-recording")).toThrow(/npm run record:kernel -- --only no-such-recording/);
  });
});

describe("kernel feature probe", () => {
  const savedCI = process.env.CI;
  afterEach(() => {
    if (savedCI === undefined) delete process.env.CI;
    else process.env.CI = savedCI;
  });

  it("names the feature and its kernel option", () => {
    expect(lackMessage("seg6")).toBe("kernel lacks seg6 lwtunnel (CONFIG_IPV6_SEG6_LWTUNNEL)");
    expect(lackMessage("ioam6Encap")).toBe("kernel lacks ioam6 lwtunnel (CONFIG_IPV6_IOAM6_LWTUNNEL)");
  });

  it("a test runs live only when every feature it needs is present", () => {
    expect(needKernel(PHASE_NEEDS.tcp, probeWith({ seg6: LACKS_SEG6 })).live).toBe(true);
    const v = needKernel(PHASE_NEEDS.seg6Encap, probeWith({ seg6: LACKS_SEG6, seg6local: LACKS_SEG6 }));
    expect(v).toMatchObject({ live: false, lacking: ["seg6", "seg6local"], unknown: [] });
    expect(v.why).toContain("kernel lacks seg6 lwtunnel (CONFIG_IPV6_SEG6_LWTUNNEL)");
  });

  it("under CI=true, only a lacking kernel feature sends a test to its recording", () => {
    process.env.CI = "true";
    const ok = { ok: true } as const;
    expect(chooseSource(PHASE_NEEDS.seg6Encap, "t", probeWith({ seg6: LACKS_SEG6 }), ok)).toEqual({
      live: false,
      why: "kernel lacks seg6 lwtunnel (CONFIG_IPV6_SEG6_LWTUNNEL)",
    });
    expect(chooseSource(PHASE_NEEDS.seg6Encap, "t", probeWith({}), ok)).toEqual({ live: true });
    // root, tools, scapy: prerequisites
    expect(() => chooseSource(PHASE_NEEDS.tcp, "t", probeWith({}), { ok: false, why: "needs root" })).toThrow(/needs root/);
    // a probe that could not decide is not a kernel property
    expect(() =>
      chooseSource(PHASE_NEEDS.seg6Encap, "t", probeWith({ seg6: { state: "unknown", detail: "RTNETLINK answers: Permission denied" } }), ok),
    ).toThrow(/Permission denied/);
    // netns and veth are prerequisites even when the kernel lacks them
    expect(() => chooseSource(PHASE_NEEDS.tcp, "t", probeWith({ veth: { state: "lacking", detail: "Unknown device type" } }), ok)).toThrow(/kernel lacks veth/);
  });

  it("outside CI a missing prerequisite falls back to the recording, loudly", () => {
    delete process.env.CI;
    expect(chooseSource(PHASE_NEEDS.tcp, "t2", probeWith({}), { ok: false, why: "needs root" })).toEqual({ live: false, why: "needs root" });
  });

  it("probes this kernel (as root) into present or lacking, never undecided", (ctx) => {
    if (process.getuid?.() !== 0) {
      if (process.env.CI === "true") throw new Error("the kernel probe needs root under CI");
      console.warn("skipped: probing the running kernel needs root");
      return ctx.skip();
    }
    const probe = probeKernel();
    for (const [feature, state] of Object.entries(probe.features)) {
      expect(state.state, `${feature}: ${JSON.stringify(state)}`).not.toBe("unknown");
    }
    expect(probe.features.netns.state).toBe("present");
    expect(probe.features.veth.state).toBe("present");
  });
});

describe("live against recorded", () => {
  it("diffRows names rows seen on one side only, reduced to the fields that differ", () => {
    const live = ["a=1\tb=2\tc=3", "a=5\tb=6\tc=7"];
    const recorded = ["a=1\tb=2\tc=3", "a=5\tb=9\tc=7"];
    const d = diffRows(live, recorded);
    expect(d).toHaveLength(2);
    expect(d[0]).toMatch(/^live only: +b=6 /);
    expect(d[1]).toMatch(/^recorded only: +b=9 /);
    expect(diffRows(live, [...live].reverse())).toEqual([]);
  });

  it("staleInput notices a changed byte in manycast's output", () => {
    const dir = scratchDir("stale");
    const a = join(dir, "a.pcap");
    const b = join(dir, "b.pcap");
    const frame = new Uint8Array(64).fill(7);
    writeFrames(a, [frame, frame]);
    writeFrames(b, [frame, frame], 1_800_000_000); // other timestamps: not a difference
    expect(staleInput(a, b)).toBeUndefined();
    const changed = frame.slice();
    changed[40] ^= 1;
    writeFrames(b, [frame, changed]);
    expect(staleInput(a, b)).toMatch(/frame 2 differs/);
    writeFrames(b, [frame]);
    expect(staleInput(a, b)).toMatch(/2 frames.*with 1/);
    expect(existsSync(a)).toBe(true);
  });
});

describeWith(NEEDS.kernelOracle, "the field-for-field comparison is not vacuous", () => {
  it("tells two different kernel behaviours apart (encap against encap.red) and a recording from itself", () => {
    const encapRed = recording(phaseRecordingId("seg6EncapRed"));
    const links = { ab: encapRed.file("ab"), bc: encapRed.file("bc") };
    expect(comparePhaseWithRecording("seg6EncapRed", links, encapRed)).toEqual([]);
    const diffs = comparePhaseWithRecording("seg6Encap", links, recording(phaseRecordingId("seg6Encap")));
    expect(diffs.length).toBeGreaterThan(0);
    expect(diffs.join("\n")).toMatch(/ipv6\.routing\.srh\.last_entry=/);
  });
});
