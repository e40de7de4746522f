// Writes SR policies and local SIDs into engine memory for the SRv6 nodes (layout:
// assembly/srv6/sr.layout.ts) and reads back the per-SID counters sr-localsid keeps. Engine memory
// is never freed: the record arrays grow by doubling (the old copy is abandoned), a policy's
// directory and bucket table are written afresh when its lists change, and a segment list's
// prebuilt rewrite is written once per list and mode.
import * as L from "../../../assembly/srv6/sr.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { assignBuckets } from "./buckets.js";
import type { SegmentList, SrPolicy } from "./model.js";
import { headendRewrite, isInsertion, type HeadendMode } from "./srh-rewrite.js";

const U32 = 4;
const INITIAL_RECORDS = 16;

interface RecordArray {
  address: number;
  capacity: number;
  rootAddress: number; // root field holding the address
  rootCapacity: number; // root field holding the capacity
  size: number; // octets per record
}

export interface LocalSidCounters {
  goodPackets: bigint;
  goodBytes: bigint;
  badPackets: bigint;
  badBytes: bigint;
}

/** The SRv6 tables' entry point in the engine's exports (assembly/srv6/tables.ts). */
interface SrExports {
  srRootAddress(): number;
}

export class SrMemory {
  private readonly root: number;
  private readonly policies: RecordArray;
  private readonly localSids: RecordArray;
  private readonly listRecords = new WeakMap<SegmentList, Map<HeadendMode, number>>();

  constructor(private readonly engine: WasmEngine) {
    this.root = engine.componentExports<SrExports>(["srRootAddress"]).srRootAddress() >>> 0;
    this.policies = { address: 0, capacity: 0, rootAddress: L.SR_ROOT_POLICIES, rootCapacity: L.SR_ROOT_POLICY_CAPACITY, size: L.SR_POLICY_SIZE };
    this.localSids = { address: 0, capacity: 0, rootAddress: L.SR_ROOT_LOCALSIDS, rootCapacity: L.SR_ROOT_LOCALSID_CAPACITY, size: L.SR_LOCALSID_SIZE };
  }

  private get view(): DataView {
    return this.engine.memoryView();
  }

  /** The address of record `index`, growing the array (copying what is there) when needed. */
  private record(array: RecordArray, index: number): number {
    if (index >= array.capacity) {
      const capacity = Math.max(INITIAL_RECORDS, array.capacity * 2, index + 1);
      const address = this.engine.allocate(capacity * array.size);
      const bytes = this.engine.memory;
      bytes.copyWithin(address, array.address, array.address + array.capacity * array.size);
      const view = this.view;
      view.setUint32(this.root + array.rootAddress, address, true);
      view.setUint32(this.root + array.rootCapacity, capacity, true);
      array.address = address;
      array.capacity = capacity;
    }
    return array.address + index * array.size;
  }

  private listRecord(list: SegmentList, mode: HeadendMode): number {
    let byMode = this.listRecords.get(list);
    if (!byMode) this.listRecords.set(list, (byMode = new Map()));
    let address = byMode.get(mode);
    if (address === undefined) {
      const { firstSegment, srh } = headendRewrite(list.segments, mode);
      address = this.engine.allocate(L.listRecordSize(srh.length));
      this.view.setUint32(address + L.LIST_SRH_LENGTH, srh.length, true);
      this.engine.memory.set(firstSegment, address + L.LIST_FIRST_SEGMENT);
      this.engine.memory.set(srh, address + L.LIST_SRH);
      byMode.set(mode, address);
    }
    return address;
  }

  private addressArray(addresses: number[]): number {
    const array = this.engine.allocate(addresses.length * U32);
    const view = this.view;
    addresses.forEach((a, k) => view.setUint32(array + k * U32, a, true));
    return array;
  }

  /** (Re)writes the policy's record: mode, lists, load-sharing buckets and encapsulation source. */
  writePolicy(policy: SrPolicy, source: Uint8Array): void {
    const lists = policy.lists.map((l) => this.listRecord(l, policy.mode));
    const directory = this.addressArray(lists);
    const buckets = this.addressArray(assignBuckets(policy.lists).map((position) => lists[position]));
    const record = this.record(this.policies, policy.index);
    let flags = L.POLICY_FLAG_IN_USE;
    if (isInsertion(policy.mode)) flags |= L.POLICY_FLAG_INSERT;
    if (policy.spray) flags |= L.POLICY_FLAG_SPRAY;
    const view = this.view;
    view.setUint32(record + L.POLICY_LIST_COUNT, lists.length, true);
    view.setUint32(record + L.POLICY_LISTS, directory, true);
    view.setUint32(record + L.POLICY_BUCKETS, buckets, true);
    this.engine.memory.set(source, record + L.POLICY_SOURCE);
    this.engine.memory.set(policy.bsid, record + L.POLICY_BSID);
    view.setUint32(record + L.POLICY_FLAGS, flags, true);
  }

  clearPolicy(index: number): void {
    const record = this.record(this.policies, index);
    this.engine.memory.fill(0, record, record + L.SR_POLICY_SIZE);
  }

  /** Writes a local SID with zeroed counters. `next`: End.X/End.DX6 adjacency DPO, End.DT6 table. */
  writeLocalSid(index: number, behavior: number, psp: boolean, next: number): void {
    const record = this.record(this.localSids, index);
    this.engine.memory.fill(0, record, record + L.SR_LOCALSID_SIZE);
    const view = this.view;
    view.setUint32(record + L.LOCALSID_FLAGS, psp ? L.LOCALSID_FLAG_PSP : 0, true);
    view.setUint32(record + L.LOCALSID_NEXT, next >>> 0, true);
    view.setUint32(record + L.LOCALSID_BEHAVIOR, behavior, true);
  }

  clearLocalSid(index: number): void {
    const record = this.record(this.localSids, index);
    this.engine.memory.fill(0, record, record + L.SR_LOCALSID_SIZE);
  }

  localSidCounters(index: number): LocalSidCounters {
    const record = this.record(this.localSids, index);
    const view = this.view;
    const u64 = (field: number) => view.getBigUint64(record + field, true);
    return {
      goodPackets: u64(L.LOCALSID_GOOD_PACKETS),
      goodBytes: u64(L.LOCALSID_GOOD_BYTES),
      badPackets: u64(L.LOCALSID_BAD_PACKETS),
      badBytes: u64(L.LOCALSID_BAD_BYTES),
    };
  }

  clearLocalSidCounters(index: number): void {
    const record = this.record(this.localSids, index);
    this.engine.memory.fill(0, record + L.LOCALSID_GOOD_PACKETS, record + L.SR_LOCALSID_SIZE);
  }
}
