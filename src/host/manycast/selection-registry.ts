// One selection service per data plane, made when tunnel-select is first enabled and re-tuned when
// it is enabled again (policy, wait).
import type { Dataplane } from "../dataplane/dataplane.js";
import { onePerDataplane } from "../one-per.js";
import { policyByName } from "../selection/policies.js";
import type { ManycastState, TunnelSelectConfig } from "./manycast-state.js";
import { SelectionService } from "./selection-service.js";

// The engine's service, once started (made with the arguments of the first start).
const started = onePerDataplane((): { service?: SelectionService } => ({}));

export function startSelectionService(dataplane: Dataplane, state: ManycastState, config: TunnelSelectConfig): SelectionService {
  const slot = started(dataplane);
  let service = slot.service;
  if (!service) {
    service = slot.service = new SelectionService(dataplane, state, config.policy, config.waitNs);
  } else {
    service.policy = policyByName(config.policy);
    service.waitNs = config.waitNs;
    service.lingerNs = Math.max(1e9, 2 * config.waitNs);
  }
  return service;
}

export function selectionService(dataplane: Dataplane): SelectionService | undefined {
  return started.ifMade(dataplane)?.service;
}
