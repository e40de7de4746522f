// A data plane's M-Anycast configuration on the host side, mirrored into the engine's M-Anycast
// root block (assembly/manycast/manycast.layout.ts): the M-Anycast server's tunnel-select with its
// selection entries and affinity tables, and the server edge's IOAM cache.
import * as M from "../../../assembly/manycast/manycast.layout.js";
import type { Dataplane } from "../dataplane/dataplane.js";
import { FlowTable, flowTableMemory } from "../flow/flow-table.js";
import { buildSynRewrite } from "./syn-rewrite.js";
import { ioamState } from "../ioam/ioam-state.js";
import { LIST_FIRST_SEGMENT } from "../../../assembly/srv6/sr.layout.js";
import { formatIp6 } from "../format/ip6-address.js";
import { onePerDataplane } from "../one-per.js";

export interface TunnelSelectConfig {
  localSid: Uint8Array;
  /** VPP's criterion word (oneway | rtt) or one of our policies (load, mix, p2c). */
  policy: string;
  waitForResponses: number;
  waitNs: number;
  entries: number;
  flows: number;
  flowIdleSeconds: number;
  clientPrefixLength: number;
  /** 0: no client affinity. */
  clientLifetimeSeconds: number;
  clients: number;
}

export interface CacheConfig {
  localSid: Uint8Array;
  entries: number;
  ttlNs: number;
  /** Pass a SYN-ACK that answers no cached SYN (a connection steered past M) instead of dropping it. */
  passUnmatched: boolean;
}

interface ManycastExports {
  manycastRootAddress(): number;
  selectionEntriesInit(): void;
  internServer(sid: number): number;
}

export class ManycastState {
  tunnelSelect?: TunnelSelectConfig;
  cache?: CacheConfig;
  flowTable?: FlowTable;
  clientTable?: FlowTable;
  /** How many octets the SYN header has, and whether a `set ioam rewrite` is in it. */
  synRewriteLength = 0;
  synRewriteHasIoam = false;
  private readonly wasm: ManycastExports;
  readonly root: number;
  // Carved memory is never freed: re-enabling with the same sizes reuses it.
  private entriesMemory?: { address: number; capacity: number };
  private cacheMemory?: { address: number; capacity: number };
  private sidScratch?: number;

  constructor(readonly dataplane: Dataplane) {
    this.wasm = dataplane.engine.componentExports<ManycastExports>(["manycastRootAddress", "selectionEntriesInit", "internServer"]);
    this.root = this.wasm.manycastRootAddress() >>> 0;
    // Unlike VPP, which builds the SYN header once when tunnel-select is enabled, the header follows
    // `set ioam rewrite`: the guide enables tunnel-select before it configures the rewrite.
    ioamState(dataplane).onRewriteChange((rewrite) => {
      if (this.tunnelSelect) this.writeSynRewrite(rewrite);
    });
  }

  /** Writes the SYN header built from `ioamRewrite` (the current `set ioam rewrite`, if any) and M's SID. */
  private writeSynRewrite(ioamRewrite: Uint8Array | undefined): void {
    const config = this.tunnelSelect;
    if (!config) return;
    const rewrite = buildSynRewrite(ioamRewrite, config.localSid);
    const view = this.view();
    const r = this.root;
    view.setUint32(r + M.MC_SYN_REWRITE_LENGTH, rewrite.bytes.length, true);
    view.setUint32(r + M.MC_SYN_CACHE_OPTION, rewrite.cacheOption, true);
    view.setUint32(r + M.MC_SYN_ID_OPTION, rewrite.idOption, true);
    this.dataplane.engine.memory.set(rewrite.bytes, r + M.MC_SYN_REWRITE);
    this.synRewriteLength = rewrite.bytes.length;
    this.synRewriteHasIoam = !!ioamRewrite && ioamRewrite.length > 0;
  }

  private view(): DataView {
    return this.dataplane.engine.memoryView();
  }

  private setFlags(set: number, clear: number): void {
    const view = this.view();
    view.setUint32(this.root + M.MC_FLAGS, (view.getUint32(this.root + M.MC_FLAGS, true) & ~clear) | set, true);
  }

  /** Engine memory enableTunnelSelect(config) would carve anew (tables it can keep cost nothing). */
  tunnelSelectMemory(config: Omit<TunnelSelectConfig, "localSid">): number {
    let bytes = 0;
    if (!this.entriesMemory || this.entriesMemory.capacity !== config.entries) bytes += config.entries * M.ENTRY_SIZE;
    if (!this.flowTable || this.flowTable.capacity !== config.flows || this.tunnelSelect?.flowIdleSeconds !== config.flowIdleSeconds) {
      bytes += flowTableMemory(config.flows);
    }
    if (config.clientLifetimeSeconds > 0) {
      if (!this.clientTable || this.clientTable.capacity !== config.clients || this.tunnelSelect?.clientLifetimeSeconds !== config.clientLifetimeSeconds) {
        bytes += flowTableMemory(config.clients);
      }
    }
    return bytes;
  }

  /** Engine memory enableCache(config) would carve anew. */
  cacheMemoryNeeded(entries: number): number {
    return this.cacheMemory?.capacity === entries ? 0 : entries * M.CACHE_ENTRY_SIZE;
  }

  enableTunnelSelect(config: TunnelSelectConfig): void {
    const engine = this.dataplane.engine;
    // Built first: a rewrite too long for the SYN header refuses the whole configuration.
    buildSynRewrite(ioamState(this.dataplane).rewrite?.bytes, config.localSid);
    if (!this.entriesMemory || this.entriesMemory.capacity !== config.entries) {
      this.entriesMemory = { address: engine.allocate(config.entries * M.ENTRY_SIZE), capacity: config.entries };
    }
    if (!this.flowTable || this.flowTable.capacity !== config.flows || this.tunnelSelect?.flowIdleSeconds !== config.flowIdleSeconds) {
      this.flowTable = FlowTable.create(engine, config.flows, config.flowIdleSeconds);
    }
    if (config.clientLifetimeSeconds > 0) {
      if (!this.clientTable || this.clientTable.capacity !== config.clients || this.tunnelSelect?.clientLifetimeSeconds !== config.clientLifetimeSeconds) {
        this.clientTable = FlowTable.create(engine, config.clients, config.clientLifetimeSeconds);
      }
    } else this.clientTable = undefined;
    const view = this.view();
    const r = this.root;
    view.setUint32(r + M.MC_WAIT_FOR_RESPONSES, config.waitForResponses, true);
    engine.memory.set(config.localSid, r + M.MC_LOCALSID);
    view.setUint32(r + M.MC_ENTRIES, this.entriesMemory.address, true);
    view.setUint32(r + M.MC_ENTRY_CAPACITY, config.entries, true);
    view.setUint32(r + M.MC_FLOW_TABLE, this.flowTable.address, true);
    view.setUint32(r + M.MC_CLIENT_TABLE, this.clientTable?.address ?? 0, true);
    view.setUint32(r + M.MC_CLIENT_PREFIX_LENGTH, config.clientPrefixLength, true);
    view.setUint32(r + M.MC_DECISION_COUNT, 0, true);
    this.wasm.selectionEntriesInit();
    this.tunnelSelect = config;
    this.writeSynRewrite(ioamState(this.dataplane).rewrite?.bytes);
    // One decap override, as in VPP: the last of tunnel-select and cache enabled wins.
    this.cache = undefined;
    this.setFlags(M.MC_FLAG_TUNNEL_SELECT, M.MC_FLAG_CACHE);
  }

  disableTunnelSelect(): void {
    this.tunnelSelect = undefined;
    this.setFlags(0, M.MC_FLAG_TUNNEL_SELECT);
  }

  enableCache(config: CacheConfig): void {
    const engine = this.dataplane.engine;
    if (!this.cacheMemory || this.cacheMemory.capacity !== config.entries) {
      this.cacheMemory = { address: engine.allocate(config.entries * M.CACHE_ENTRY_SIZE), capacity: config.entries };
    } else engine.memory.fill(0, this.cacheMemory.address, this.cacheMemory.address + config.entries * M.CACHE_ENTRY_SIZE);
    const view = this.view();
    const r = this.root;
    engine.memory.set(config.localSid, r + M.MC_CACHE_LOCALSID);
    view.setUint32(r + M.MC_CACHE_ENTRIES, this.cacheMemory.address, true);
    view.setUint32(r + M.MC_CACHE_CAPACITY, config.entries, true);
    view.setUint32(r + M.MC_CACHE_IN_USE, 0, true);
    view.setBigUint64(r + M.MC_CACHE_TTL_NS, BigInt(config.ttlNs), true);
    view.setUint32(r + M.MC_CACHE_FLAGS, config.passUnmatched ? M.MC_CACHE_FLAG_PASS_UNMATCHED : 0, true);
    this.cache = config;
    this.tunnelSelect = undefined;
    this.setFlags(M.MC_FLAG_CACHE, M.MC_FLAG_TUNNEL_SELECT);
  }

  disableCache(): void {
    this.cache = undefined;
    this.setFlags(0, M.MC_FLAG_CACHE);
    this.view().setUint32(this.root + M.MC_CACHE_CAPACITY, 0, true);
  }

  /**
   * The server table index of `sid` (16 octets), adding it as a winning SYN-ACK's E2E-ID would;
   * -1 when the table is full. For benchmarks and tests that install flows without running a
   * selection: a flow's choice must name a server that exists.
   */
  registerServer(sid: Uint8Array): number {
    const engine = this.dataplane.engine;
    this.sidScratch ??= engine.allocate(16);
    engine.memory.set(sid, this.sidScratch);
    return this.wasm.internServer(this.sidScratch);
  }

  rootWord(offset: number): number {
    return this.view().getUint32(this.root + offset, true);
  }

  /** The SIDs of the servers chosen so far, by server index (what flow and client tables point at). */
  serverAddresses(): string[] {
    const memory = this.dataplane.engine.memory;
    const count = Math.min(this.rootWord(M.MC_SERVER_COUNT), M.MC_SERVERS_MAX);
    const at = (k: number) => this.root + M.MC_SERVERS + k * M.SERVER_RECORD_SIZE + M.SERVER_LIST + LIST_FIRST_SEGMENT;
    return Array.from({ length: count }, (_, k) => formatIp6(memory, at(k)));
  }
}

/** The data plane's M-Anycast configuration, made on first use. */
export const manycastState = onePerDataplane((dataplane: Dataplane) => new ManycastState(dataplane));
