// One connection of an M-Anycast run as the report tells it, from what the client saw, what M's
// selection recorded and the segments each server received: the same for `manycast simulate`
// (virtual time, its frame log) and `manycast lab` (the kernel's TCP, the edges' captures).

export interface ConnectionReport {
  client: string;
  clientPort: number;
  /** The chosen server's unicast address (its edge SID), or null when the connection failed. */
  server: string | null;
  state: string;
  /** True when the SYN went to a known server without spraying (M's client affinity, or the client edge's service-affinity option). */
  steered: boolean;
  /** Who steered it: M's client affinity, the client edge (service-affinity option, M not involved), or nobody (sprayed and selected). */
  steeredBy: "client-affinity" | "service-affinity-option" | null;
  /** What M measured per server on the SYN-ACKs it held (ms): one-way SYN direction, RTT, load. */
  delays: Record<string, number>;
  rtts: Record<string, number>;
  loads: Record<string, number>;
  reason: string;
  /** This connection's segments each server received, and how many after M chose (the RST that closed a loser's half-open connection not counted). */
  packets: Record<string, number>;
  packetsAfterChoice: Record<string, number>;
  /** Servers that got M's RST for this connection. */
  resets: string[];
  establishedMs: number | null;
}

/** What the report reads of one of M's selections (a SelectionRecord, or its JSON from a live M). */
export interface SelectionFacts {
  steered: boolean;
  candidates: readonly { server: string; onewayNs?: number; rttNs?: number; load?: number }[];
  decision?: { reason: string };
  decidedNs?: bigint;
  /** The server M forwarded to the client. */
  forwardedTo?: string;
}

/** A segment that reached a server, kept per connection for the report (the frame's bytes are not). */
export interface ServerArrival {
  server: string;
  timeNs: bigint;
  rst: boolean;
}

export interface ConnectionFacts {
  client: string;
  clientPort: number;
  /** The client's state at the end ("closed", "established", "failed: ..."). */
  state: string;
  /** connect() to established, ms; null when it never was. */
  establishedMs: number | null;
  /** M's selection for this connection (the last, if a retransmitted SYN started another); none when it never met M's selection. */
  selection?: SelectionFacts;
  /** The connection's segments each server received. */
  packets: Record<string, number>;
  /** The same segments in time order, with M's RSTs marked. */
  arrivals: readonly ServerArrival[];
}

const ms = (ns: number) => Math.round(ns / 1e3) / 1e3;

export function reportConnection(f: ConnectionFacts): ConnectionReport {
  const s = f.selection;
  const delays: Record<string, number> = {};
  const rtts: Record<string, number> = {};
  const loads: Record<string, number> = {};
  for (const cand of s?.candidates ?? []) {
    if (cand.onewayNs !== undefined) delays[cand.server] = ms(cand.onewayNs);
    if (cand.rttNs !== undefined) rtts[cand.server] = ms(cand.rttNs);
    if (cand.load !== undefined) loads[cand.server] = cand.load;
  }
  const after: Record<string, number> = {};
  const resets: string[] = [];
  for (const a of f.arrivals) {
    if (a.rst) resets.push(a.server);
    else if (s?.decidedNs !== undefined && a.timeNs > s.decidedNs) after[a.server] = (after[a.server] ?? 0) + 1;
  }
  const established = f.establishedMs !== null;
  // A connection the client edge steered never met M's selection: its server is where it went.
  const pastM = !s && established && Object.keys(f.packets).length === 1;
  const steeredBy = pastM ? "service-affinity-option" : s?.steered ? "client-affinity" : null;
  return {
    client: f.client,
    clientPort: f.clientPort,
    server: established ? (s?.forwardedTo ?? (pastM ? Object.keys(f.packets)[0] : null)) : null,
    state: f.state,
    steered: steeredBy !== null,
    steeredBy,
    delays,
    rtts,
    loads,
    reason: s?.decision?.reason ?? (pastM ? "steered by the client edge from the server's service-affinity option; M made no selection" : "no selection"),
    packets: f.packets,
    packetsAfterChoice: after,
    resets,
    establishedMs: f.establishedMs,
  };
}
