// The delay simulator's host side: per-interface delay and jitter, mirrored into the engine's nsim
// block (assembly/nsim/nsim.layout.ts), and VPP's "current parameters" that
// `nsim output-feature enable-disable` applies.
import * as N from "../../../assembly/nsim/nsim.layout.js";
import type { Dataplane } from "../dataplane/dataplane.js";
import { onePerDataplane } from "../one-per.js";

export interface NsimParameters {
  delayNs: number;
  jitterNs: number;
  /** VPP's bandwidth / packet-size words, kept for `show nsim`: the engine does not limit bandwidth. */
  bandwidth?: string;
}

interface NsimExports {
  nsimConfigAddress(): number;
}

export class NsimState {
  /** The parameters `set nsim delay` without an interface set (VPP's global configuration). */
  current?: NsimParameters;
  readonly byInterface = new Map<number, NsimParameters>();
  private readonly base: number;

  constructor(private readonly dataplane: Dataplane) {
    this.base = dataplane.engine.componentExports<NsimExports>(["nsimConfigAddress"]).nsimConfigAddress() >>> 0;
  }

  static readonly maxInterfaceIndex = N.NSIM_INTERFACES_MAX - 1;

  apply(interfaceIndex: number, parameters: NsimParameters | undefined): void {
    if (parameters) this.byInterface.set(interfaceIndex, parameters);
    else this.byInterface.delete(interfaceIndex);
    const view = this.dataplane.engine.memoryView();
    const entry = this.base + interfaceIndex * N.NSIM_ENTRY_SIZE;
    view.setBigUint64(entry + N.NSIM_DELAY_NS, BigInt(parameters?.delayNs ?? 0), true);
    view.setBigUint64(entry + N.NSIM_JITTER_NS, BigInt(parameters?.jitterNs ?? 0), true);
  }

  /** Seeds the jitter generator, so a run with jitter is reproducible. */
  seed(value: bigint): void {
    this.dataplane.engine.memoryView().setBigUint64(this.base + N.NSIM_RANDOM_STATE, BigInt.asUintN(64, value), true);
  }
}

/** The data plane's delay-simulator configuration, made on first use. */
export const nsimState = onePerDataplane((dataplane: Dataplane) => new NsimState(dataplane));
