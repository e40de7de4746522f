// Each data plane's POT configuration block, allocated in its engine's memory on first use and
// announced to the engine, so the CLI, the graph nodes' setup and tests all find the same one.
// The random generator's state starts at 0 in the zeroed block: replays stay deterministic.
import { POT_CONFIG_SIZE } from "../../../assembly/pot/pot-profile.layout.js";
import type { Dataplane } from "../dataplane/dataplane.js";
import { PotProfileList } from "./profile-list.js";
import { potKernels } from "./pot-kernels.js";
import { onePerDataplane } from "../one-per.js";

export const potProfileList = onePerDataplane((dataplane: Dataplane): PotProfileList => {
  const { engine } = dataplane;
  const list = new PotProfileList(engine, engine.allocate(POT_CONFIG_SIZE));
  potKernels(engine).setPotConfig(list.address);
  return list;
});

/** Engine address of the data plane's POT configuration block (allocated on first call). */
export function potConfigAddress(dataplane: Dataplane): number {
  return potProfileList(dataplane).address;
}
