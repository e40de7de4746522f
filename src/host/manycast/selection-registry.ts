// One selection service per data plane, made when tunnel-select is first enabled and re-tuned when
// it is enabled again (policy, wait).
import type { Dataplane } from "../dataplane/dataplane.js";
import { policyByName } from "../selection/policies.js";
import type { ManycastState, TunnelSelectConfig } from "./manycast-state.js";
import { SelectionService } from "./selection-service.js";

const services = new WeakMap<Dataplane, SelectionService>();

export function startSelectionService(dataplane: Dataplane, state: ManycastState, config: TunnelSelectConfig): SelectionService {
  let service = services.get(dataplane);
  if (!service) {
    service = new SelectionService(dataplane, state, config.policy, config.waitNs);
    services.set(dataplane, service);
  } else {
    service.policy = policyByName(config.policy);
    service.waitNs = config.waitNs;
    service.lingerNs = Math.max(1e9, 2 * config.waitNs);
  }
  return service;
}

export function selectionService(dataplane: Dataplane): SelectionService | undefined {
  return services.get(dataplane);
}
