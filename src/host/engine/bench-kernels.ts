// The engine's kernels that run one node's work on its own, outside the graph (assembly/kernels/
// and rearmVector in assembly/index.ts): the benchmarks time them against the TypeScript and C
// baselines, and differential and property tests use them to check one stage alone. Production
// never calls them, so they live here rather than on the WasmEngine handle. Browser-safe.
import { onePer } from "../one-per.js";
import type { WasmEngine } from "./wasm-engine.js";

/** The kernels as the engine exports them (AssemblyScript's bool crosses as an i32). */
interface BenchKernelExports {
  parseVector(n: number): number;
  classifyVector(n: number): number;
  srHeadendVector(n: number, policyIndex: number): number;
  srEndVector(n: number, psp: number): number;
  fibLookupVector(addresses: number, n: number, results: number): void;
  rearmVector(n: number, node: number): void;
}

const EXPORT_NAMES: (keyof BenchKernelExports)[] = ["parseVector", "classifyVector", "srHeadendVector", "srEndVector", "fibLookupVector", "rearmVector"];

export interface BenchKernels {
  /** Runs only the parse kernel over descriptors [0, n); returns how many parsed cleanly. */
  parseVector(n: number): number;
  /** Runs only the classifier lookup over descriptors [0, n); returns how many hit a session. */
  classifyVector(n: number): number;
  /** Applies SR policy `policyIndex` (one list per flow) to descriptors [0, n) as the rewrite nodes do; returns how many were rewritten. */
  srHeadendVector(n: number, policyIndex: number): number;
  /** End (PSP when `psp`) on descriptors [0, n) as sr-localsid does; returns how many were processed. */
  srEndVector(n: number, psp: boolean): number;
  /** Looks up `n` 16-octet addresses at `addresses` in the FIB, one u32 DPO each into `results`. */
  fibLookupVector(addresses: number, n: number, results: number): void;
  /** Makes descriptors [0, n) enter the graph at `node` again (benchmarks rerun one vector). */
  rearmVector(n: number, node: number): void;
}

/** The benchmark kernels of `engine`'s instance (looked up once per engine). */
export const benchKernels = onePer((engine: WasmEngine): BenchKernels => {
  const wasm = engine.componentExports<BenchKernelExports>(EXPORT_NAMES);
  return {
    parseVector: (n) => wasm.parseVector(n),
    classifyVector: (n) => wasm.classifyVector(n),
    srHeadendVector: (n, policyIndex) => wasm.srHeadendVector(n, policyIndex),
    srEndVector: (n, psp) => wasm.srEndVector(n, psp ? 1 : 0),
    fibLookupVector: (addresses, n, results) => wasm.fibLookupVector(addresses, n, results),
    rearmVector: (n, node) => wasm.rearmVector(n, node),
  };
});
