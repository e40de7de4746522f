// `show tcp service-affinity`: each edge's configuration, what the client edge has learned (with
// the lifetime left), and the two nodes' counters, every one of them (zero included) so a reader
// sees at once which reasons exist.
import { ERRORS } from "../engine/graph-info.js";
import { formatIp4, formatIp6 } from "../format/ip6-address.js";
import { formatPrefix } from "../fib/prefix.js";
import type { TcpAffinity } from "./affinity.js";
import type { TableEntry } from "./learned.js";

export const SERVER_EDGE_NODE = "tcp-affinity-server-edge";
export const CLIENT_EDGE_NODE = "tcp-affinity-client-edge";

function serverEdgeLines(affinity: TcpAffinity): string[] {
  const edge = affinity.serverEdge;
  if (!edge) return ["Server edge: not configured"];
  const server = edge.server.length === 4 ? formatIp4(edge.server) : formatIp6(edge.server);
  const port = edge.port ? `port ${edge.port}` : "port of each FIN (its source port)";
  return [`Server edge: FINs from ${formatPrefix(edge.anycast)} get the option naming ${server} ${port}`];
}

function entryLines(title: string, entries: TableEntry[], servers: { address: Uint8Array; port: number }[], clientLength: number): string[] {
  const lines = [`  ${title}: ${entries.length}`];
  for (const e of entries) {
    const client = e.clientPort ? `[${formatIp6(e.client)}]:${e.clientPort}` : `${formatIp6(e.client)}/${clientLength}`;
    const server = servers[e.server];
    const to = server ? `${formatIp6(server.address)} port ${server.port}` : `server #${e.server}`;
    lines.push(`    ${client} -> [${formatIp6(e.anycast)}]:${e.port} via ${to}, ${e.remaining}s left`);
  }
  return lines;
}

function clientEdgeLines(affinity: TcpAffinity): string[] {
  const edge = affinity.clientEdge;
  if (!edge) return ["Client edge: not configured"];
  const servers = affinity.learnedServers();
  return [
    `Client edge: anycast ${formatPrefix(edge.anycast)}, client-prefix-length ${edge.clientPrefixLength}, lifetime ${edge.lifetime}s, ` +
      `table-size ${edge.tableSize}, servers ${servers.length}/${edge.servers}`,
    `  Servers: ${servers.map((s, k) => `[${k}] ${formatIp6(s.address)} port ${s.port}`).join(", ") || "none"}`,
    ...entryLines("Learned clients", affinity.learnedClients(), servers, edge.clientPrefixLength),
    ...entryLines("Steered connections", affinity.steeredConnections(), servers, 128),
  ];
}

function counterLines(counts: readonly bigint[]): string[] {
  return [
    "Counters:",
    ...ERRORS.filter((e) => e.node === SERVER_EDGE_NODE || e.node === CLIENT_EDGE_NODE).map(
      (e) => `${String(counts[e.id] ?? 0n).padStart(10)}  ${e.node}  ${e.reason}`,
    ),
  ];
}

export function formatTcpAffinity(affinity: TcpAffinity, counts: readonly bigint[]): string {
  return ["TCP service affinity:", ...serverEdgeLines(affinity), ...clientEdgeLines(affinity), ...counterLines(counts)].join("\n");
}
