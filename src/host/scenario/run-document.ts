// The JSON document of an M-Anycast run (`manycast simulate --json`, and the first part of
// `manycast lab --json`): the topology, every connection, the per-client and per-server totals and
// M's selection counters and tables.
import type { ConnectionReport } from "./connection-report.js";
import type { SelectionCounters } from "../manycast/selection-service.js";
import type { FlowTable } from "../flow/flow-table.js";
import { summariseClients, summariseServers } from "./simulation-summary.js";

/** A flow table as the document shows it: its size and counters. */
export type TableSummary = { size: number; capacity: number } & ReturnType<FlowTable["counts"]>;

export function tableSummary(t: FlowTable | undefined): TableSummary | null {
  return t ? { size: t.size, capacity: t.capacity, ...t.counts() } : null;
}

export interface RunDocumentInput {
  clients: readonly string[];
  servers: readonly { server: string; delayMs: number; load: number; silent: boolean }[];
  policy: string;
  waitMs: number;
  serviceAffinity: boolean;
  connections: ConnectionReport[];
  selection: SelectionCounters | null;
  flowTable: TableSummary | null;
  clientTable: TableSummary | null;
}

export function runDocument(i: RunDocumentInput) {
  return {
    topology: { anycast: "db06::6", clients: i.clients, servers: i.servers },
    policy: i.policy,
    waitMs: i.waitMs,
    serviceAffinity: i.serviceAffinity,
    connections: i.connections,
    clients: summariseClients(i.connections),
    servers: summariseServers(
      i.servers.map((s) => s.server),
      i.connections,
    ),
    selection: i.selection,
    flowTable: i.flowTable,
    clientTable: i.clientTable,
  };
}
