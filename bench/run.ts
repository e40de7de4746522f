// `npm run bench [-- --json FILE] [-- --quick]`: every kernel at batch 1, 32 and 256, Wasm against
// the baselines measured in the same run, printed as ns/packet, Mpps and ratios.
import { writeFileSync } from "node:fs";
import { loadEngine } from "../src/io/engine-file.js";
import { machineInfo } from "./machine.js";
import type { Measurement } from "./measure.js";
import { parseSuite } from "./suites/parse.js";
import { classifySuite } from "./suites/classify.js";
import { potSuite } from "./suites/pot.js";
import { nativeBaseline } from "./native.js";
import { packetVector } from "./packets.js";

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function table(results: Measurement[]): string {
  const rows = [["kernel", "impl", "batch", "ns/packet", "Mpps", "±%", "wasm/ts", "wasm/c"]];
  const ratio = (r: Measurement, impl: Measurement["impl"]) => {
    const base = results.find((o) => o.kernel === r.kernel && o.batch === r.batch && o.impl === impl);
    return r.impl === "wasm" && base ? (r.nsPerPacket / base.nsPerPacket).toFixed(2) : "";
  };
  for (const r of results) {
    rows.push([r.kernel, r.impl, String(r.batch), r.nsPerPacket.toFixed(2), r.mpps.toFixed(2), r.rme.toFixed(1), ratio(r, "ts"), ratio(r, "c")]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ")).join("\n");
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const timeMs = quick ? 150 : 1000;
  const batches = [1, 32, 256];
  const machine = machineInfo();
  console.log(`manycast bench on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}, ${machine.date}`);
  console.log("ns/packet is the mean over samples; a ratio < 1 means Wasm is faster than that baseline.\n");
  const engine = await loadEngine("release");
  const results: Measurement[] = [];
  results.push(...(await parseSuite(engine, batches, timeMs)));
  results.push(...(await classifySuite(engine, batches, timeMs)));
  results.push(...(await potSuite(engine, batches, timeMs)));
  const native = nativeBaseline();
  if (native.available) results.push(...native.run(packetVector(Math.max(...batches)), batches, timeMs));
  else console.log(`native (C) baseline skipped: ${native.why}`);
  results.sort((a, b) => a.kernel.localeCompare(b.kernel) || a.batch - b.batch || a.impl.localeCompare(b.impl));
  console.log(table(results));
  const jsonPath = argValue("--json");
  if (jsonPath) {
    writeFileSync(jsonPath, `${JSON.stringify({ machine, results, endToEnd: {} }, null, 2)}\n`);
    console.log(`\nwrote ${jsonPath}`);
  }
}

await main();
