// One piece of state per engine, made on first use and found again after (docs/adr/0004): the
// engine's FIB, classifier, SRv6, IOAM, POT, M-Anycast, neighbour discovery and delay-simulator
// state all live this way. The engine is the one owner: state that needs the data plane (its
// hooks, clock or interface names) is made from the engine's Dataplane but kept per engine all the
// same (onePerDataplane), which is sound because an engine has at most one Dataplane (checked when
// a Dataplane is made).
import type { Dataplane } from "./dataplane/dataplane.js";
import type { WasmEngine } from "./engine/wasm-engine.js";

/** An accessor to one engine's piece of state: makes it on first use. */
export interface PerEngine<Arg, Value> {
  (arg: Arg): Value;
  /** The state if it was made already (undefined if not), without making it. */
  ifMade(arg: Arg): Value | undefined;
}

function perEngine<Arg, Value>(engineOf: (arg: Arg) => WasmEngine, make: (arg: Arg) => Value): PerEngine<Arg, Value> {
  const made = new WeakMap<WasmEngine, Value>();
  const get = (arg: Arg): Value => {
    const engine = engineOf(arg);
    let value = made.get(engine);
    if (value === undefined) {
      value = make(arg);
      made.set(engine, value);
    }
    return value;
  };
  return Object.assign(get, { ifMade: (arg: Arg) => made.get(engineOf(arg)) });
}

/** State made from the engine alone (a component's tables in its memory). */
export function onePer<Value>(make: (engine: WasmEngine) => Value): PerEngine<WasmEngine, Value> {
  return perEngine((engine) => engine, make);
}

/** State made from the engine's Dataplane (it hooks vectors, reads the clock or names interfaces), kept per engine. */
export function onePerDataplane<Value>(make: (dataplane: Dataplane) => Value): PerEngine<Dataplane, Value> {
  return perEngine((dataplane) => dataplane.engine, make);
}
