// The IOAM view's data: every packet's traces (node ids, hop limits, interfaces, timestamps) in
// path order, per-path delay statistics, and a Proof of Transit verdict for each VPP POT option
// from the engine's own verifier configured with the given config (the iOAM guide's decap node).
import { hopByHopHeader } from "../../../src/host/format/vpp-packet.js";
import { readHbhTraces } from "../../../src/host/ioam/trace-reader.js";
import { hopTimeNs } from "../../../src/host/ioam/trace-export.js";
import { hasVerifierProfile, verifyPotOptions } from "../../../src/host/pot/verify-options.js";
import { createEngine, formatProblem } from "../../../src/browser/index.js";
import { EXT_LENGTH, EXT_LENGTH_UNIT } from "../../../assembly/wire/ipv6.layout.js";
import { OPTION_DATA, OPTION_HEADER_LENGTH, OPTION_LENGTH, OPT_PAD1, OPT_VPP_POT } from "../../../assembly/wire/options.layout.js";
import * as V from "../../../assembly/wire/vpp-ioam.layout.js";
import type { IoamPacket, IoamReport, PathStats } from "../protocol.js";
import type { CaptureStore } from "./capture-store.js";

// Packets listed in the report at most (statistics cover all of them).
const MAX_LISTED = 5_000;

/** The first VPP POT option (0x3C) of a hop-by-hop header, as the 20-octet image the verifier reads. */
function vppPotOption(hbh: Uint8Array): Uint8Array | undefined {
  if (hbh.length < 2) return undefined;
  const end = Math.min(hbh.length, (hbh[EXT_LENGTH] + 1) * EXT_LENGTH_UNIT);
  for (let p = OPTION_HEADER_LENGTH; p < end;) {
    if (hbh[p] === OPT_PAD1) {
      p++;
      continue;
    }
    if (p + OPTION_HEADER_LENGTH > end) return undefined;
    const next = p + OPTION_DATA + hbh[p + OPTION_LENGTH];
    if (next > end) return undefined;
    if (hbh[p] === OPT_VPP_POT) return hbh.slice(p, next);
    p = next;
  }
  return undefined;
}

const hex64 = (b: Uint8Array, at: number) => "0x" + [...b.subarray(at, at + 8)].map((x) => x.toString(16).padStart(2, "0")).join("");

/**
 * `vppPrecision` is the unit of VPP trace timestamps (the encapsulating node's trace-tsp: 0 s,
 * 1 ms, 2 µs, 3 ns); RFC 9197 timestamps carry their own. `verifier` is CLI text for the verifying
 * engine (its active POT profile must hold a validate-key).
 */
export async function analyseIoam(store: CaptureStore, wasmUrl: string, verifier: string, vppPrecision: number): Promise<IoamReport> {
  const packets: IoamPacket[] = [];
  const potImages: Uint8Array[] = [];
  const potPackets: IoamPacket[] = [];
  const paths = new Map<
    string,
    { packets: number; sums: number[]; mins: number[]; maxs: number[]; counts: number[]; series: { index: number; totalUs: number }[] }
  >();
  let total = 0;
  for (const record of store.frames()) {
    const hbh = hopByHopHeader(record.data, record.linkType);
    if (!hbh) continue;
    const traces = readHbhTraces(hbh);
    const pot = vppPotOption(hbh);
    if (traces.length === 0 && !pot) continue;
    total++;
    const trace = traces[0];
    const hops = (trace?.hops ?? []).map((h) => {
      const t = hopTimeNs(h, trace.format, vppPrecision);
      return {
        nodeId: h.nodeId,
        hopLimit: h.hopLimit,
        ...(h.ingressIf !== undefined ? { ingressIf: h.ingressIf, egressIf: h.egressIf } : {}),
        ...(t !== undefined ? { timeNs: t } : {}),
      };
    });
    const path = hops.map((h) => h.nodeId).join(" > ");
    const packet: IoamPacket = {
      index: record.index,
      format: trace?.format ?? "vpp",
      hops,
      path,
      ...(trace?.namespace !== undefined ? { namespace: trace.namespace } : {}),
    };
    if (pot && pot.length >= OPTION_DATA + V.VPP_POT_DATA_LENGTH) {
      potImages.push(pot);
      potPackets.push(packet);
      packet.pot = {
        verdict: "no verifier",
        random: hex64(pot, V.VPP_POT_RANDOM),
        cumulative: hex64(pot, V.VPP_POT_CUMULATIVE),
        profile: pot[V.VPP_POT_PROFILE_INDEX] & V.VPP_POT_PROFILE_INDEX_MASK,
      };
    }
    if (hops.length > 0) {
      let s = paths.get(path);
      if (!s) paths.set(path, (s = { packets: 0, sums: [], mins: [], maxs: [], counts: [], series: [] }));
      s.packets++;
      const stamped = hops.every((h) => h.timeNs !== undefined);
      if (stamped && hops.length > 1) {
        for (let k = 1; k < hops.length; k++) {
          const us = (hops[k].timeNs! - hops[k - 1].timeNs!) / 1e3;
          s.sums[k] = (s.sums[k] ?? 0) + us;
          s.counts[k] = (s.counts[k] ?? 0) + 1;
          s.mins[k] = Math.min(s.mins[k] ?? Infinity, us);
          s.maxs[k] = Math.max(s.maxs[k] ?? -Infinity, us);
        }
        s.series.push({ index: record.index, totalUs: (hops[hops.length - 1].timeNs! - hops[0].timeNs!) / 1e3 });
      }
    }
    if (packets.length < MAX_LISTED) packets.push(packet);
  }
  let verifierNote = "no Proof of Transit options in this capture";
  if (potImages.length > 0) {
    const engine = await createEngine({ wasm: wasmUrl });
    const applied = engine.cli(verifier, "verifier");
    if (applied.problems.length) verifierNote = `verifier config: ${applied.problems.map(formatProblem).join("; ")}`;
    else if (!hasVerifierProfile(engine.dataplane)) verifierNote = "the verifier config has no POT profile with a validate-key";
    else {
      const verdicts = verifyPotOptions(engine.dataplane, potImages);
      verdicts.forEach((ok, k) => (potPackets[k].pot!.verdict = ok ? "in policy" : "out of policy"));
      const passed = verdicts.filter(Boolean).length;
      verifierNote = `${passed} of ${verdicts.length} packets in policy (the verifier adds its share and verifies, as the decapsulating node does)`;
    }
  }
  const stats: PathStats[] = [...paths].map(([path, s]) => ({
    path,
    packets: s.packets,
    hopDelaysUs: s.counts.map((n, k) => ({ min: s.mins[k], mean: s.sums[k] / n, max: s.maxs[k] })).filter(Boolean),
    series: s.series,
  }));
  return { packets, paths: stats, verifier: verifierNote, total };
}
