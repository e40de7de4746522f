// What `show nsim` prints: VPP's current parameters, the delay per interface, and what is held.
import type { Dataplane } from "../dataplane/dataplane.js";
import { formatDuration } from "../format/duration.js";
import type { NsimParameters, NsimState } from "./nsim-state.js";

function describe(p: NsimParameters): string {
  return `delay ${formatDuration(p.delayNs)}${p.jitterNs ? ` jitter ${formatDuration(p.jitterNs)}` : ""}${p.bandwidth ? ` (bandwidth ${p.bandwidth} not simulated)` : ""}`;
}

export function formatNsim(state: NsimState, dataplane: Dataplane): string {
  const lines = [state.current ? `Current parameters: ${describe(state.current)}` : "Current parameters: none"];
  if (state.byInterface.size === 0) lines.push("nsim not enabled on any interface");
  for (const [index, p] of [...state.byInterface].sort((a, b) => a[0] - b[0])) {
    lines.push(`  ${dataplane.interfaces.name(index)}: ${describe(p)}`);
  }
  lines.push(`Packets held (nsim and selection): ${dataplane.engine.parkedCount()}`);
  return lines.join("\n");
}
