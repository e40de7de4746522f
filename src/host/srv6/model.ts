// The SRv6 configuration as VPP keeps it (vpp-ioam-spec §5): SR policies with their segment lists
// (indices from one pool shared by every policy, as `show sr policies` prints them), steering
// rules, local SIDs and the encapsulation source. Pure bookkeeping: the checks a CLI line must
// pass before it changes anything, and the changes themselves. Writing it all to the engine and
// the FIB is srv6.ts's job.
import { formatIp6 } from "../format/ip6-address.js";
import type { HeadendMode } from "./srh-rewrite.js";

export interface SegmentList {
  /** Global index (VPP's segment-list pool index). */
  index: number;
  segments: Uint8Array[];
  weight: number;
}

export interface SrPolicy {
  index: number;
  bsid: Uint8Array;
  mode: HeadendMode;
  spray: boolean;
  /** `v6src`: this policy's encapsulation source, else the global one. */
  source?: Uint8Array;
  lists: SegmentList[];
}

export interface Steering {
  prefix: Uint8Array;
  length: number;
  policy: SrPolicy;
}

export type LocalSidBehavior =
  | { kind: "end"; psp: boolean }
  | { kind: "end.x"; interfaceIndex: number; nextHop: Uint8Array; psp: boolean }
  | { kind: "end.dx6"; interfaceIndex: number; nextHop: Uint8Array }
  /** `table`: VPP's table id the inner packet is looked up in. */
  | { kind: "end.dt6"; table: number }
  /** Ours (src/host/cats/): `table` is the engine address of the service's computing forwarding table. */
  | { kind: "end.cats"; service: string; table: number };

export interface LocalSid {
  index: number;
  address: Uint8Array;
  behavior: LocalSidBehavior;
}

export const DEFAULT_WEIGHT = 1;

const sameAddress = (a: Uint8Array, b: Uint8Array): boolean => a.every((v, i) => v === b[i]);

/** Lowest free index of a pool (VPP pools reuse freed indices). */
function freeIndex<T>(pool: (T | undefined)[]): number {
  const hole = pool.indexOf(undefined);
  return hole < 0 ? pool.length : hole;
}

export function steeringKey(prefix: Uint8Array, length: number): string {
  return `${formatIp6(prefix)}/${length}`;
}

export class SrConfig {
  readonly policies: (SrPolicy | undefined)[] = [];
  readonly lists: (SegmentList | undefined)[] = [];
  readonly steering = new Map<string, Steering>();
  readonly localSids: (LocalSid | undefined)[] = [];
  encapSource = new Uint8Array(16);

  /** The tables End.DT6 SIDs look up (they must not go while in use). */
  tablesInUse(): number[] {
    return this.liveLocalSids().flatMap((s) => (s.behavior.kind === "end.dt6" ? [s.behavior.table] : []));
  }

  livePolicies(): SrPolicy[] {
    return this.policies.filter((p): p is SrPolicy => p !== undefined);
  }

  liveLocalSids(): LocalSid[] {
    return this.localSids.filter((s): s is LocalSid => s !== undefined);
  }

  policyByBsid(bsid: Uint8Array): SrPolicy | undefined {
    return this.livePolicies().find((p) => sameAddress(p.bsid, bsid));
  }

  localSidAt(address: Uint8Array): LocalSid | undefined {
    return this.liveLocalSids().find((s) => sameAddress(s.address, address));
  }

  /** Why `address` cannot become a BSID or a local SID (each is a /128 route of its own). */
  addressInUse(address: Uint8Array): string | undefined {
    if (this.policyByBsid(address)) return `${formatIp6(address)} is already the BSID of an SR policy`;
    if (this.localSidAt(address)) return `${formatIp6(address)} is already a local SID`;
    return undefined;
  }

  addPolicy(bsid: Uint8Array, mode: HeadendMode, spray: boolean, source: Uint8Array | undefined): SrPolicy {
    const policy: SrPolicy = { index: freeIndex(this.policies), bsid: bsid.slice(), mode, spray, source: source?.slice(), lists: [] };
    this.policies[policy.index] = policy;
    return policy;
  }

  addList(policy: SrPolicy, segments: Uint8Array[], weight: number): SegmentList {
    const list: SegmentList = { index: freeIndex(this.lists), segments: segments.map((s) => s.slice()), weight };
    this.lists[list.index] = list;
    policy.lists.push(list);
    return list;
  }

  /** Why list `index` cannot be removed from the policy (VPP's messages). */
  deleteListProblem(policy: SrPolicy, index: number): string | undefined {
    if (!policy.lists.some((l) => l.index === index)) {
      return "Could not delete the segment list. It is not associated with that SR policy.";
    }
    if (policy.lists.length === 1) {
      return "The selected SR policy only contains ONE segment list. Please remove the SR policy instead";
    }
    return undefined;
  }

  deleteList(policy: SrPolicy, index: number): void {
    policy.lists = policy.lists.filter((l) => l.index !== index);
    this.lists[index] = undefined;
  }

  listOf(policy: SrPolicy, index: number): SegmentList | undefined {
    return policy.lists.find((l) => l.index === index);
  }

  /** The steering rules that use the policy: it cannot go while they point at it. */
  steeringOf(policy: SrPolicy): Steering[] {
    return [...this.steering.values()].filter((s) => s.policy === policy);
  }

  deletePolicy(policy: SrPolicy): void {
    for (const list of policy.lists) this.lists[list.index] = undefined;
    this.policies[policy.index] = undefined;
  }

  steer(prefix: Uint8Array, length: number, policy: SrPolicy): Steering {
    const steering: Steering = { prefix: prefix.slice(), length, policy };
    this.steering.set(steeringKey(prefix, length), steering);
    return steering;
  }

  unsteer(prefix: Uint8Array, length: number): void {
    this.steering.delete(steeringKey(prefix, length));
  }

  addLocalSid(address: Uint8Array, behavior: LocalSidBehavior): LocalSid {
    const sid: LocalSid = { index: freeIndex(this.localSids), address: address.slice(), behavior };
    this.localSids[sid.index] = sid;
    return sid;
  }

  deleteLocalSid(sid: LocalSid): void {
    this.localSids[sid.index] = undefined;
  }
}
