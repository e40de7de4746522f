// The M-Anycast view's data: `manycast simulate` run in the worker (the same engines, topology and
// report as the command line), with every frame of the frame log classified for the animation and
// the sequence diagram.
import { instantiateEngine } from "../../../src/browser/engine.js";
import { ManycastSimulation } from "../../../src/host/scenario/manycast-simulation.js";
import { writeStory, connectionLine } from "../../../src/host/scenario/story.js";
import { summariseServers } from "../../../src/host/scenario/simulation-summary.js";
import { connectionKey } from "../../../src/host/simulator/index.js";
import { Decoder } from "../../../src/host/decode/index.js";
import { writeCapture } from "../../../src/browser/capture.js";
import { TCP_FLAG_ACK, TCP_FLAG_FIN, TCP_FLAG_RST, TCP_FLAG_SYN } from "../../../assembly/wire/tcp.layout.js";
import type { SimResult, SimSegmentEvent } from "../protocol.js";

export interface SimulateRequest {
  delaysMs: number[];
  loads: number[];
  policy: string;
  clients: number;
  connections: number;
}

const GAP_MS = 1000;

function kindOf(flags: number, payload: boolean): SimSegmentEvent["kind"] {
  if (flags & TCP_FLAG_RST) return "RST";
  if (flags & TCP_FLAG_SYN) return flags & TCP_FLAG_ACK ? "SYN-ACK" : "SYN";
  if (flags & TCP_FLAG_FIN) return "FIN";
  return payload ? "DATA" : flags & TCP_FLAG_ACK ? "ACK" : "other";
}

export async function runSimulation(wasmUrl: string, request: SimulateRequest): Promise<{ result: SimResult; capture: Uint8Array }> {
  const sim = await ManycastSimulation.create(() => instantiateEngine(wasmUrl), request.clients, {
    delaysMs: request.delaysMs,
    loads: request.loads,
    policy: request.policy,
    capture: true,
  });
  const records = sim.runConnections(request.connections, GAP_MS);
  const connections = sim.report(records);
  const story: string[] = [];
  writeStory(sim, connections, (line) => story.push(line));
  const frames = sim.net.log?.frames ?? [];
  const edgeOf = (name: string) => {
    const m = /^(?:M-)?E(\d+)(?:-S\d+)?$/.exec(name);
    return m ? Number(m[1]) : undefined;
  };
  // M's measurement per (connection, server) for the SYN-ACK colours.
  const measured = new Map<string, number>();
  for (const c of connections)
    for (const [server, ms] of Object.entries(c.delays)) measured.set(`${connectionKey(c.client, c.clientPort, "db06::6", 80)}|${server}`, ms);
  const events: SimSegmentEvent[] = [];
  // The decoder, not a bare TCP parser: sprayed SYNs and their SYN-ACKs travel encapsulated (outer
  // IPv6, SRH, hop-by-hop IOAM); the innermost addresses and ports name the connection.
  const decoder = new Decoder({ tree: false });
  for (const f of frames) {
    const fields = decoder.decode(f.data, f.linkType).fields;
    const flags = fields.get("tcp.flags");
    if (!flags) continue;
    const last = (name: string) => fields.get(name)?.at(-1) ?? "";
    const fromClient = last("tcp.dstport") === "80";
    const key = fromClient
      ? connectionKey(last("ipv6.src"), Number(last("tcp.srcport")), "db06::6", 80)
      : connectionKey(last("ipv6.dst"), Number(last("tcp.dstport")), "db06::6", 80);
    const kind = kindOf(parseInt(flags.at(-1)!, 16), Number(last("tcp.len")) > 0);
    const edge = edgeOf(f.link);
    const event: SimSegmentEvent = { timeNs: Number(f.timeNs - sim.startNs), link: f.link, from: f.from, to: f.to, kind, connection: key };
    if (edge !== undefined) {
      event.edge = edge;
      const delay = measured.get(`${key}|${sim.serverAddresses[edge - 1]}`);
      if (kind === "SYN-ACK" && delay !== undefined) event.delayMs = delay;
    }
    events.push(event);
  }
  const servers = summariseServers(sim.serverAddresses, connections);
  const chosen = servers.filter((s) => s.chosen > 0).map((s) => s.server);
  const result: SimResult = {
    options: {
      delaysMs: request.delaysMs,
      loads: request.loads,
      policy: request.policy,
      clients: request.clients,
      connections: request.connections,
      waitMs: sim.options.waitMs,
    },
    servers: sim.serverAddresses,
    clients: sim.clientAddresses,
    nodes: ["clients", "M", ...sim.edges.map((e) => e.name), ...sim.servers.map((s) => s.name)],
    links: [...new Set(frames.map((f) => f.link))].map((name) => ({ name, a: name.split("-")[0], b: name.split("-").slice(1).join("-") })),
    connections: connections.map((c, i) => ({
      key: connectionKey(c.client, c.clientPort, "db06::6", 80),
      client: c.client,
      clientPort: c.clientPort,
      server: c.server,
      steeredBy: c.steeredBy,
      delays: c.delays,
      rtts: c.rtts,
      resets: c.resets,
      reason: c.reason,
      establishedMs: c.establishedMs,
      line: connectionLine(c, i),
    })),
    chosen,
    summary: servers.map((s) => `server ${s.server}: chosen ${s.chosen} times, ${s.resets} RSTs for lost SYNs`),
    events,
    startNs: 0,
    endNs: events.length ? events[events.length - 1].timeNs : 0,
    story: story.join("\n"),
  };
  const capture = writeCapture(sim.net.log?.captureRecords() ?? [], { format: "pcapng", linkType: frames[0]?.linkType ?? 101 });
  return { result, capture };
}
