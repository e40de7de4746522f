// Flow and client affinity at the M-Anycast server, over two flow tables (assembly/flow/table.ts)
// whose choice is a server index: a connection's 5-tuple (client -> anycast) once its SYN-ACK was
// chosen, and (client prefix, anycast address) so a client's next connections go to the same
// server without spraying. Keys are read from the packet's addresses (or a selection entry's, under a
// window the caller opens on it) with the checked loads, the client's cut to its prefix on the way.
import { FLOW_MISS, FLOW_SLOT_CHOICE, FLOW_SLOT_FLAGS } from "../flow/flow.layout";
import { insertKey, loadKeyAddresses, loadKeyPrefix, lookupSlot, removeSlot } from "../flow/table";
import { MC_CLIENT_PREFIX_LENGTH, MC_CLIENT_TABLE, MC_FLOW_TABLE } from "./manycast.layout";
import { manycastRoot } from "./selection";
import { PROTO_TCP } from "../wire/ipv6.layout";
import { nowSeconds } from "../engine/clock";

// The client sent FIN: its next pure ACK closes the connection here.
export const FLOW_FLAG_CLIENT_FIN = 0x1;

@inline function loadFlowKey(client: usize, anycast: usize, ports: u32): void {
  loadKeyAddresses(client, anycast, ports, PROTO_TCP);
}

@inline function loadClientKey(client: usize, anycast: usize): void {
  loadKeyPrefix(client, load<u32>(manycastRoot, MC_CLIENT_PREFIX_LENGTH), anycast, 0, PROTO_TCP);
}

@inline function flowTable(): usize {
  return <usize>load<u32>(manycastRoot, MC_FLOW_TABLE);
}

@inline function clientTable(): usize {
  return <usize>load<u32>(manycastRoot, MC_CLIENT_TABLE);
}

/** The flow-table slot of connection (client, anycast, ports = client port << 16 | anycast port), refreshed; 0 if none. */
export function flowSlot(client: usize, anycast: usize, ports: u32): usize {
  const table = flowTable();
  if (!table) return 0;
  loadFlowKey(client, anycast, ports);
  return lookupSlot(table, nowSeconds());
}

@inline export function slotServer(slot: usize): u32 {
  return load<u32>(slot, FLOW_SLOT_CHOICE);
}

/**
 * Follows a client segment's effect on its connection's flow (the slot flowSlot found): RST
 * removes it; FIN marks it, and the client's next segment without FIN, SYN or data (the last ACK
 * of the close) removes it.
 */
export function followSegment(slot: usize, fin: bool, rst: bool, pureAck: bool): void {
  const flags = <u32>load<u8>(slot, FLOW_SLOT_FLAGS);
  if (rst || (pureAck && flags & FLOW_FLAG_CLIENT_FIN)) removeSlot(flowTable(), slot);
  else if (fin) store<u8>(slot, <u8>(flags | FLOW_FLAG_CLIENT_FIN), FLOW_SLOT_FLAGS);
}

/** The server a client (masked to the configured prefix) was given for `anycast`, refreshed; FLOW_MISS if none. */
export function clientServer(client: usize, anycast: usize): u32 {
  const table = clientTable();
  if (!table) return FLOW_MISS;
  loadClientKey(client, anycast);
  const slot = lookupSlot(table, nowSeconds());
  return slot ? load<u32>(slot, FLOW_SLOT_CHOICE) : FLOW_MISS;
}

/**
 * Forgets server `server` for the connection (client, anycast, ports) and for its client, where
 * they still have that server: it did not answer the SYN steered to it.
 */
export function forgetChoice(client: usize, anycast: usize, ports: u32, server: u32): void {
  const now = nowSeconds();
  const flows = flowTable();
  if (flows) {
    loadFlowKey(client, anycast, ports);
    const slot = lookupSlot(flows, now);
    if (slot && load<u32>(slot, FLOW_SLOT_CHOICE) == server) removeSlot(flows, slot);
  }
  const clients = clientTable();
  if (clients) {
    loadClientKey(client, anycast);
    const slot = lookupSlot(clients, now);
    if (slot && load<u32>(slot, FLOW_SLOT_CHOICE) == server) removeSlot(clients, slot);
  }
}

/** Records the chosen server for the connection and for its client. */
export function rememberChoice(client: usize, anycast: usize, ports: u32, server: u32): void {
  const now = nowSeconds();
  const flows = flowTable();
  if (flows) {
    loadFlowKey(client, anycast, ports);
    insertKey(flows, server, 0, now);
  }
  const clients = clientTable();
  if (clients) {
    loadClientKey(client, anycast);
    insertKey(clients, server, 0, now);
  }
}
