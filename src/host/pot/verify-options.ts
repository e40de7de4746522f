// Proof of Transit verdicts for VPP 0x3C options found in a capture, by the engine's own kernels:
// what a decapsulating node configured with `set pot profile ... validate-key ...` concludes for
// each packet arriving from the path's last transit node: it adds its own share (potUpdateVector,
// as ip6-hop-by-hop does there) and then verifies (potVerifyVector, as ip6-pop-hop-by-hop does).
// Browser-safe.
import { POT_OPTION_IMAGE_SIZE } from "../../../assembly/pot/pot-profile.layout.js";
import type { Dataplane } from "../dataplane/dataplane.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { potConfigAddress, potProfileList } from "./pot-state.js";
import { potKernels } from "./pot-kernels.js";
import { onePer } from "../one-per.js";
import { ERR_POT_IN_POLICY } from "../../../assembly/graph/graph.layout.js";
import { VPP_POT_RANDOM } from "../../../assembly/wire/vpp-ioam.layout.js";

const BATCH = 256;

// Engine memory is never freed: one batch area per engine, reused by every call.
const batchArea = onePer((engine: WasmEngine) => ({
  images: engine.allocate(BATCH * POT_OPTION_IMAGE_SIZE),
  results: engine.allocate(BATCH * 4),
}));

/** True when the active profile can verify (it holds a validator key). */
export function hasVerifierProfile(dataplane: Dataplane): boolean {
  return potProfileList(dataplane)
    .snapshot()
    .profiles.some((p) => p?.validatorKey !== undefined);
}

/**
 * One verdict per option image (the 20 octets of a 0x3C option: type, length, data), in order:
 * true in policy, false out of policy. An option no node has stamped yet (random 0) is out of
 * policy: the verifier would become its encapsulator instead.
 */
export function verifyPotOptions(dataplane: Dataplane, options: readonly Uint8Array[]): boolean[] {
  const engine = dataplane.engine;
  const kernels = potKernels(engine);
  const config = potConfigAddress(dataplane);
  const { images, results } = batchArea(dataplane.engine);
  const verdicts: boolean[] = [];
  for (let first = 0; first < options.length; first += BATCH) {
    const n = Math.min(BATCH, options.length - first);
    const memory = engine.memory;
    memory.fill(0, images, images + n * POT_OPTION_IMAGE_SIZE);
    const stamped: boolean[] = [];
    for (let k = 0; k < n; k++) {
      const option = options[first + k];
      memory.set(option.subarray(0, POT_OPTION_IMAGE_SIZE), images + k * POT_OPTION_IMAGE_SIZE);
      stamped.push(option.subarray(VPP_POT_RANDOM, VPP_POT_RANDOM + 8).some((b) => b !== 0));
    }
    // The verifier's own share first; the random is already there, so the time argument is unused.
    kernels.potUpdateVector(images, n, config, 0, results);
    kernels.potVerifyVector(images, n, config, results);
    const view = engine.memoryView();
    for (let k = 0; k < n; k++) verdicts.push(stamped[k] && view.getInt32(results + k * 4, true) === ERR_POT_IN_POLICY);
  }
  return verdicts;
}
