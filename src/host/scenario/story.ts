// The readable account of a simulated run (`manycast simulate` without --json, and `npm start`):
// the topology, then each connection as M saw it, the totals, and M's and the edges' show output.
import type { ConnectionReport, ManycastSimulation } from "./manycast-simulation.js";
import { summariseClients, summariseServers } from "./simulation-summary.js";

const ms = (v: number | undefined) => (v === undefined ? "-" : `${v} ms`);

function measured(c: ConnectionReport): string {
  const servers = Object.keys(c.rtts).length ? Object.keys(c.rtts) : Object.keys(c.delays);
  return servers.map((s) => `${s} one-way ${ms(c.delays[s])}, RTT ${ms(c.rtts[s])}${c.loads[s] !== undefined ? `, load ${c.loads[s]}` : ""}`).join("; ");
}

export function connectionLine(c: ConnectionReport, index: number): string {
  const head = `#${index + 1} ${c.client} port ${c.clientPort}`;
  if (!c.server) return `${head}: no server (${c.state}; ${c.reason})`;
  const how =
    c.steeredBy === "service-affinity-option"
      ? `client edge, from the service-affinity option: straight to ${c.server}, past M`
      : c.steeredBy === "client-affinity"
        ? `client affinity: straight to ${c.server}, no spray`
        : `sprayed; measured ${measured(c)}`;
  const resets = c.resets.length ? `; RST to ${c.resets.join(", ")}` : "";
  const packets = Object.entries(c.packets)
    .map(([s, n]) => `${s} ${n}`)
    .join(", ");
  return `${head}: ${how} -> ${c.server}, established in ${c.establishedMs} ms${resets}; segments at servers: ${packets}`;
}

/** Every connection when there are few, else the first two and last of each client. */
function connectionsShown(connections: readonly ConnectionReport[]): { line: string }[] {
  if (connections.length <= 12) return connections.map((c, i) => ({ line: connectionLine(c, i) }));
  const out: { line: string }[] = [];
  const seen = new Map<string, number>();
  connections.forEach((c, i) => {
    const n = (seen.get(c.client) ?? 0) + 1;
    seen.set(c.client, n);
    if (n <= 2) out.push({ line: connectionLine(c, i) });
  });
  out.push({ line: `... ${connections.length - out.length} more connections (--json lists them all)` });
  return out;
}

/** What a run's story tells besides its connections: the topology, and the show output of its engines. */
export interface StoryInput {
  /** The first line. */
  title: string;
  clients: readonly string[];
  policy: string;
  waitMs: number;
  clientLifetimeSeconds: number;
  serviceAffinity: boolean;
  servers: readonly { address: string; delayMs: number; load: number; note?: string }[];
  /** Lines after the per-client and per-server totals (a run's own findings). */
  findings?: readonly string[];
  /** Show commands' output, each under "NODE# COMMAND". */
  shows: readonly { node: string; command: string; output: string }[];
}

/** The story: the topology, each connection as M saw it, the totals, the findings, the engines' show output. */
export function writeRunStory(input: StoryInput, connections: readonly ConnectionReport[], out: (line: string) => void): void {
  out(input.title);
  out("");
  out(`clients ${input.clients.join(", ")} -- M (sr_localsid db0a::2, policy ${input.policy}, wait ${input.waitMs} ms) --`);
  input.servers.forEach((s, i) =>
    out(`  E${i + 1} -- server ${s.address}: one-way delay ${s.delayMs} ms each way, load ${s.load}${s.note ? `, ${s.note}` : ""}`),
  );
  out(`every server answers on the anycast address db06::6 port 80; client lifetime ${input.clientLifetimeSeconds} s`);
  if (input.serviceAffinity)
    out("a client edge CE between the clients and M learns the TCP service-affinity option the server edges put into the servers' FINs");
  out("");
  for (const { line } of connectionsShown(connections)) out(line);
  out("");
  for (const c of summariseClients(connections)) {
    const servers =
      Object.entries(c.servers)
        .map(([s, n]) => `${s} x${n}`)
        .join(", ") || "none";
    const byM = c.steered - c.steeredByOption;
    const steering = c.steeredByOption ? `${byM} by M's client affinity, ${c.steeredByOption} by the client edge past M` : `${byM} by client affinity`;
    out(`client ${c.client}: ${c.established}/${c.connections} connections established, on ${servers}; ${steering}`);
  }
  for (const s of summariseServers(
    input.servers.map((s) => s.address),
    connections,
  )) {
    out(
      `server ${s.server}: chosen ${s.chosen} times, ${s.resets} RSTs for lost SYNs, ${s.strayAfterChoice} segments of other servers' connections after the choice`,
    );
  }
  if (input.findings?.length) {
    out("");
    for (const line of input.findings) out(line);
  }
  for (const show of input.shows) {
    out("");
    out(`${show.node}# ${show.command}`);
    out(show.output);
  }
}

export function writeStory(sim: ManycastSimulation, connections: readonly ConnectionReport[], out: (line: string) => void): void {
  const o = sim.options;
  const shows = [
    { node: "M", command: "show ioam ip6 sr-tunnel-select", output: sim.m.cli("show ioam ip6 sr-tunnel-select") },
    { node: "M", command: "show errors", output: sim.m.cli("show errors") },
    ...(o.serviceAffinity ? [{ node: "CE", command: "show tcp service-affinity", output: sim.net.node("CE").cli("show tcp service-affinity") }] : []),
    ...sim.edges.map((edge, i) => ({ node: `E${i + 1}`, command: "show errors", output: edge.cli("show errors") })),
  ];
  writeRunStory(
    {
      title: "manycast simulate: M-Anycast service selection, the VPP guide's topology in virtual time",
      clients: sim.clientAddresses,
      policy: o.policy,
      waitMs: o.waitMs,
      clientLifetimeSeconds: o.clientLifetimeSeconds,
      serviceAffinity: o.serviceAffinity,
      servers: sim.serverAddresses.map((address, i) => ({
        address,
        delayMs: o.delaysMs[i],
        load: o.loads[i],
        note: o.silent.includes(i) ? "silent (its server never answers)" : undefined,
      })),
      shows,
    },
    connections,
    out,
  );
}
