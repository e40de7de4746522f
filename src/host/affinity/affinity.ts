// One engine's TCP service-affinity edges (docs/tcp-service-affinity.md): the configuration the CLI
// checked, written into engine memory for tcp-affinity-server-edge and tcp-affinity-client-edge
// (layout: assembly/affinity/affinity.layout.ts). The client edge's tables are flow tables
// (src/host/flow/flow-table.ts) carved when the client edge is first configured or its table size
// changes; engine memory is never freed, so a resized edge abandons its old tables (and what they
// had learned). A new lifetime is written into the live tables.
import * as L from "../../../assembly/affinity/affinity.layout.js";
import { TCP_AFFINITY_FAMILY_IP4, TCP_AFFINITY_FAMILY_IP6 } from "../../../assembly/wire/tcp-affinity.layout.js";
import { FLOW_TABLE_IDLE_TIMEOUT } from "../../../assembly/flow/flow.layout.js";
import { LIST_FIRST_SEGMENT, LIST_SRH, LIST_SRH_LENGTH } from "../../../assembly/srv6/sr.layout.js";
import type { WasmEngine } from "../engine/wasm-engine.js";
import { FlowTable, flowTableMemory } from "../flow/flow-table.js";
import { headendRewrite } from "../srv6/srh-rewrite.js";
import type { Ip6Prefix } from "../fib/prefix.js";
import { tableEntries, type TableEntry } from "./learned.js";
import { onePer } from "../one-per.js";

export interface ServerEdgeConfig {
  anycast: Ip6Prefix;
  /** The server's unicast address named in the option: 16 octets (IPv6) or 4 (IPv4). */
  server: Uint8Array;
  /** The port named; 0: each FIN's own source port. */
  port: number;
}

export interface ClientEdgeConfig {
  anycast: Ip6Prefix;
  /** Clients are learned per prefix of this length (128: per host). */
  clientPrefixLength: number;
  /** Seconds a learned client, or a steered connection, lives without traffic. */
  lifetime: number;
  /** Slots of each table (a power of two). */
  tableSize: number;
  /** Servers the directory holds. */
  servers: number;
}

interface ClientEdgeMemory {
  clients: FlowTable;
  connections: FlowTable;
  servers: number; // directory address
  serverCapacity: number;
}

interface AffinityExports {
  tcpAffinityRootAddress(): number;
  tcpAffinityClockSeconds(): number;
}

const ADDRESS_LENGTH = 16;

export class TcpAffinity {
  serverEdge?: ServerEdgeConfig;
  clientEdge?: ClientEdgeConfig;
  private clientMemory?: ClientEdgeMemory;
  private readonly wasm: AffinityExports;
  private readonly root: number;

  constructor(private readonly engine: WasmEngine) {
    this.wasm = engine.componentExports<AffinityExports>(["tcpAffinityRootAddress", "tcpAffinityClockSeconds"]);
    this.root = this.wasm.tcpAffinityRootAddress() >>> 0;
  }

  private get view(): DataView {
    return this.engine.memoryView();
  }

  /** The engine clock (seconds) the tables' last-seen times are in. */
  get clock(): number {
    return this.wasm.tcpAffinityClockSeconds();
  }

  setServerEdge(config: ServerEdgeConfig | undefined): void {
    const at = this.root + L.AFFINITY_ROOT_SERVER_EDGE;
    const view = this.view;
    this.serverEdge = config;
    view.setUint32(at + L.SERVER_EDGE_ENABLED, 0, true);
    if (!config) return;
    const server = new Uint8Array(ADDRESS_LENGTH);
    server.set(config.server);
    view.setUint32(at + L.SERVER_EDGE_ANYCAST_LENGTH, config.anycast.length, true);
    view.setUint32(at + L.SERVER_EDGE_FAMILY, config.server.length === 4 ? TCP_AFFINITY_FAMILY_IP4 : TCP_AFFINITY_FAMILY_IP6, true);
    view.setUint32(at + L.SERVER_EDGE_PORT, config.port, true);
    this.engine.memory.set(config.anycast.address, at + L.SERVER_EDGE_ANYCAST);
    this.engine.memory.set(server, at + L.SERVER_EDGE_ADDRESS);
    view.setUint32(at + L.SERVER_EDGE_ENABLED, 1, true);
  }

  setClientEdge(config: ClientEdgeConfig | undefined): void {
    const at = this.root + L.AFFINITY_ROOT_CLIENT_EDGE;
    this.view.setUint32(at + L.CLIENT_EDGE_ENABLED, 0, true);
    this.clientEdge = config;
    if (!config) return;
    const memory = this.clientTables(config);
    const view = this.view;
    view.setUint32(at + L.CLIENT_EDGE_ANYCAST_LENGTH, config.anycast.length, true);
    view.setUint32(at + L.CLIENT_EDGE_CLIENT_LENGTH, config.clientPrefixLength, true);
    view.setUint32(at + L.CLIENT_EDGE_CLIENTS, memory.clients.address, true);
    view.setUint32(at + L.CLIENT_EDGE_CONNECTIONS, memory.connections.address, true);
    view.setUint32(at + L.CLIENT_EDGE_SERVERS, memory.servers, true);
    view.setUint32(at + L.CLIENT_EDGE_SERVER_CAPACITY, memory.serverCapacity, true);
    for (const table of [memory.clients, memory.connections]) view.setUint32(table.address + FLOW_TABLE_IDLE_TIMEOUT, config.lifetime, true);
    this.engine.memory.set(config.anycast.address, at + L.CLIENT_EDGE_ANYCAST);
    view.setUint32(at + L.CLIENT_EDGE_ENABLED, 1, true);
  }

  /** Engine memory setClientEdge(config) would carve anew. */
  clientEdgeMemoryNeeded(config: Pick<ClientEdgeConfig, "tableSize" | "servers">): number {
    const live = this.clientMemory;
    if (live && live.clients.capacity === config.tableSize && live.serverCapacity === config.servers) return 0;
    return config.servers * L.AFFINITY_SERVER_SIZE + 2 * flowTableMemory(config.tableSize);
  }

  /** The live tables, carved anew (the directory too: table entries index it) when a size changed. */
  private clientTables(config: ClientEdgeConfig): ClientEdgeMemory {
    const live = this.clientMemory;
    if (live && live.clients.capacity === config.tableSize && live.serverCapacity === config.servers) return live;
    const servers = this.engine.allocate(config.servers * L.AFFINITY_SERVER_SIZE);
    this.writeServerLists(servers, config.servers);
    this.view.setUint32(this.root + L.AFFINITY_ROOT_CLIENT_EDGE + L.CLIENT_EDGE_SERVER_COUNT, 0, true);
    this.clientMemory = {
      clients: FlowTable.create(this.engine, config.tableSize, config.lifetime),
      connections: FlowTable.create(this.engine, config.tableSize, config.lifetime),
      servers,
      serverCapacity: config.servers,
    };
    return this.clientMemory;
  }

  /** Every entry's segment list: H.Insert of one segment, which the node fills in when it learns a server. */
  private writeServerLists(servers: number, capacity: number): void {
    const { srh } = headendRewrite([new Uint8Array(ADDRESS_LENGTH)], "insert");
    if (srh.length !== L.AFFINITY_SERVER_SRH_LENGTH) throw new Error("H.Insert of one segment no longer fits a directory entry");
    for (let k = 0; k < capacity; k++) {
      const list = servers + k * L.AFFINITY_SERVER_SIZE + L.AFFINITY_SERVER_LIST;
      this.view.setUint32(list + LIST_SRH_LENGTH, srh.length, true);
      this.engine.memory.set(srh, list + LIST_SRH);
    }
  }

  private get clientEdgeMemory(): ClientEdgeMemory | undefined {
    return this.clientEdge ? this.clientMemory : undefined;
  }

  /** The live learned clients: (client prefix, anycast, service port) -> server index. */
  learnedClients(): TableEntry[] {
    const memory = this.clientEdgeMemory;
    return memory ? tableEntries(this.engine, memory.clients, this.clock) : [];
  }

  /** The live steered connections: 5-tuple -> server index. */
  steeredConnections(): TableEntry[] {
    const memory = this.clientEdgeMemory;
    return memory ? tableEntries(this.engine, memory.connections, this.clock) : [];
  }

  /** The servers the client edge has learned, by directory index. */
  learnedServers(): { address: Uint8Array; port: number }[] {
    const memory = this.clientEdgeMemory;
    if (!memory) return [];
    const view = this.view;
    const count = view.getUint32(this.root + L.AFFINITY_ROOT_CLIENT_EDGE + L.CLIENT_EDGE_SERVER_COUNT, true);
    return Array.from({ length: count }, (_, k) => {
      const entry = memory.servers + k * L.AFFINITY_SERVER_SIZE;
      const address = entry + L.AFFINITY_SERVER_LIST + LIST_FIRST_SEGMENT;
      return { address: this.engine.memory.slice(address, address + ADDRESS_LENGTH), port: view.getUint32(entry + L.AFFINITY_SERVER_PORT, true) };
    });
  }
}

/** The engine's service-affinity state, made on first use. */
export const tcpAffinityOf = onePer((engine: WasmEngine) => new TcpAffinity(engine));
