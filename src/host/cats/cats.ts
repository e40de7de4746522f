// One engine's CATS state: the egress role (sites, metrics, computing forwarding tables) and the
// ingress role (services, egresses, delays, selection). A node may play both.
import type { WasmEngine } from "../engine/wasm-engine.js";
import { srv6Of } from "../srv6/srv6.js";
import { CatsEgress } from "./egress.js";
import { CatsIngress } from "./ingress.js";

export interface Cats {
  egress: CatsEgress;
  ingress: CatsIngress;
}

const states = new WeakMap<WasmEngine, Cats>();

/** The engine's CATS state, made on first use. */
export function catsOf(engine: WasmEngine): Cats {
  let state = states.get(engine);
  if (!state) {
    state = { egress: new CatsEgress(engine), ingress: new CatsIngress(srv6Of(engine)) };
    states.set(engine, state);
  }
  return state;
}
