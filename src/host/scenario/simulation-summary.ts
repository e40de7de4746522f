// What a simulated run amounts to, per client and per server, from the connection reports: the
// numbers the story prints and the JSON document carries.
import type { ConnectionReport } from "./manycast-simulation.js";

export interface ClientSummary {
  client: string;
  connections: number;
  established: number;
  /** Servers its connections got, with counts (one server: the client stayed put). */
  servers: Record<string, number>;
  /** Connections that went to a known server without spraying, and how many of those the client edge steered past M. */
  steered: number;
  steeredByOption: number;
}

export interface ServerSummary {
  server: string;
  chosen: number;
  /** RSTs M sent it for SYNs it lost. */
  resets: number;
  /** Segments of connections chosen for another server that reached it after the choice (must be 0). */
  strayAfterChoice: number;
}

export function summariseClients(connections: readonly ConnectionReport[]): ClientSummary[] {
  const byClient = new Map<string, ClientSummary>();
  for (const c of connections) {
    const s = byClient.get(c.client) ?? { client: c.client, connections: 0, established: 0, servers: {}, steered: 0, steeredByOption: 0 };
    s.connections++;
    if (c.server) {
      s.established++;
      s.servers[c.server] = (s.servers[c.server] ?? 0) + 1;
    }
    if (c.steered) s.steered++;
    if (c.steeredBy === "service-affinity-option") s.steeredByOption++;
    byClient.set(c.client, s);
  }
  return [...byClient.values()];
}

export function summariseServers(servers: readonly string[], connections: readonly ConnectionReport[]): ServerSummary[] {
  return servers.map((server) => {
    let chosen = 0;
    let resets = 0;
    let stray = 0;
    for (const c of connections) {
      if (c.server === server) chosen++;
      resets += c.resets.filter((r) => r === server).length;
      if (c.server !== server) stray += c.packetsAfterChoice[server] ?? 0;
    }
    return { server, chosen, resets, strayAfterChoice: stray };
  });
}
