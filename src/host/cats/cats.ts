// One engine's CATS state: the egress role (sites, metrics, computing forwarding tables) and the
// ingress role (services, egresses, delays, selection). A node may play both.
import type { WasmEngine } from "../engine/wasm-engine.js";
import { srv6Of } from "../srv6/srv6.js";
import { CatsEgress } from "./egress.js";
import { CatsIngress } from "./ingress.js";
import { onePer } from "../one-per.js";

export interface Cats {
  egress: CatsEgress;
  ingress: CatsIngress;
}

/** The engine's CATS state, made on first use. */
export const catsOf = onePer((engine: WasmEngine): Cats => ({ egress: new CatsEgress(engine), ingress: new CatsIngress(srv6Of(engine)) }));
