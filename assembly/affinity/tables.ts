// The client edge's two flow tables (assembly/flow/table.ts): learned clients and steered
// connections. The flow table counts its own expirations and evictions under flow-table; the client
// edge counts them again per table (what one operation added to those counters), so that
// `show tcp service-affinity` can tell clients from connections.
import { insertKey, loadKeyAddresses, loadKeyPrefix, lookupKey } from "../flow/table";
import { ld32 } from "../engine/bytes";
import { errorCountersBase } from "../engine/memory";
import { countErrorBy } from "../engine/vector";
import { IPV6_DST, IPV6_SRC, PROTO_TCP } from "../wire/ipv6.layout";
import { TCP_SRC_PORT } from "../wire/tcp.layout";
import { ERR_FLOW_EVICTIONS, ERR_FLOW_EXPIRATIONS } from "../graph/graph.layout";

/** Which counters one table's expirations and evictions go to. */
export class TableReasons {
  constructor(readonly expired: i32, readonly evicted: i32) {}
}

let expirationsBefore: u64 = 0;
let evictionsBefore: u64 = 0;

@inline function flowCounter(reason: i32): u64 {
  return load<u64>(errorCountersBase + (<usize>reason << 3));
}

@inline function begin(): void {
  expirationsBefore = flowCounter(ERR_FLOW_EXPIRATIONS);
  evictionsBefore = flowCounter(ERR_FLOW_EVICTIONS);
}

@inline function end(reasons: TableReasons): void {
  const expired = flowCounter(ERR_FLOW_EXPIRATIONS) - expirationsBefore;
  const evicted = flowCounter(ERR_FLOW_EVICTIONS) - evictionsBefore;
  if (expired) countErrorBy(reasons.expired, expired);
  if (evicted) countErrorBy(reasons.evicted, evicted);
}

/** Makes (client cut to `clientLength` bits, anycast, service port) the flow table's current key: packet addresses. */
export function useClientKey(client: usize, anycast: usize, servicePort: u32, clientLength: u32): void {
  loadKeyPrefix(client, clientLength, anycast, servicePort & 0xffff, PROTO_TCP);
}

/** Makes the connection of the TCP segment at `tcp` (IPv6 header at `ip`) the current key. */
export function useConnectionKey(ip: usize, tcp: usize): void {
  loadKeyAddresses(ip + IPV6_SRC, ip + IPV6_DST, ld32(tcp + TCP_SRC_PORT), PROTO_TCP);
}

/** The current key's server index in `table` (its lifetime renewed), or FLOW_MISS. */
export function lookup(table: usize, now: u32, reasons: TableReasons): u32 {
  begin();
  const server = lookupKey(table, now);
  end(reasons);
  return server;
}

/** Records `server` for the current key in `table`. */
export function remember(table: usize, server: u32, now: u32, reasons: TableReasons): void {
  begin();
  insertKey(table, server, 0, now);
  end(reasons);
}
