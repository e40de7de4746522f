// Flow and client affinity at the M-Anycast server, over two flow tables (assembly/flow/table.ts)
// whose choice is a server index: a connection's 5-tuple (client -> anycast) once its SYN-ACK was
// chosen, and (client prefix, anycast address) so a client's next connections go to the same
// server without spraying. Keys are built in a scratch record, never in the packet.
import { FLOW_MISS, FLOW_SLOT_CHOICE, FLOW_SLOT_FLAGS } from "../flow/flow.layout";
import { insertKey, loadKeyAddresses, lookupSlot, removeKey } from "../flow/table";
import { MC_CLIENT_PREFIX_LENGTH, MC_CLIENT_TABLE, MC_FLOW_TABLE } from "./manycast.layout";
import { manycastRoot } from "./selection";
import { IPV6_ADDRESS_LENGTH, PROTO_TCP } from "../wire/ipv6.layout";
import { openWindow } from "../engine/bytes";
import { allocate } from "../engine/memory";
import { nowSeconds } from "../engine/clock";

// The client sent FIN: its next pure ACK closes the connection here.
export const FLOW_FLAG_CLIENT_FIN = 0x1;

const scratch: usize = allocate(2 * IPV6_ADDRESS_LENGTH);

/** Loads a key from addresses anywhere in memory (the caller re-enters its packet afterwards). */
function loadKey(src: usize, dst: usize, ports: u32, prefixBits: u32): void {
  memory.copy(scratch, src, IPV6_ADDRESS_LENGTH);
  memory.copy(scratch + IPV6_ADDRESS_LENGTH, dst, IPV6_ADDRESS_LENGTH);
  if (prefixBits < 128) maskAddress(scratch, prefixBits);
  openWindow(scratch, scratch + 2 * IPV6_ADDRESS_LENGTH, 0, 0);
  loadKeyAddresses(scratch, scratch + IPV6_ADDRESS_LENGTH, ports, PROTO_TCP);
}

function maskAddress(a: usize, bits: u32): void {
  for (let k: u32 = 0; k < 16; k++) {
    const keep = bits >= (k + 1) * 8 ? 8 : bits > k * 8 ? bits - k * 8 : 0;
    store<u8>(a + k, <u8>(<u32>load<u8>(a + k) & (0xff00 >> keep)));
  }
}

@inline function flowTable(): usize {
  return <usize>load<u32>(manycastRoot, MC_FLOW_TABLE);
}

@inline function clientTable(): usize {
  return <usize>load<u32>(manycastRoot, MC_CLIENT_TABLE);
}

/** The server of connection (client, anycast, ports = client port << 16 | anycast port), refreshed; FLOW_MISS if none. */
export function flowServer(client: usize, anycast: usize, ports: u32): u32 {
  const table = flowTable();
  if (!table) return FLOW_MISS;
  loadKey(client, anycast, ports, 128);
  const slot = lookupSlot(table, nowSeconds());
  return slot ? load<u32>(slot, FLOW_SLOT_CHOICE) : FLOW_MISS;
}

/**
 * Follows a client segment's effect on its connection's flow: RST removes it; FIN marks it, and
 * the client's next segment without FIN, SYN or data (the last ACK of the close) removes it.
 */
export function flowAfterSegment(client: usize, anycast: usize, ports: u32, fin: bool, rst: bool, pureAck: bool): void {
  const table = flowTable();
  if (!table) return;
  loadKey(client, anycast, ports, 128);
  if (rst) {
    removeKey(table, nowSeconds());
    return;
  }
  const slot = lookupSlot(table, nowSeconds());
  if (!slot) return;
  const flags = <u32>load<u8>(slot, FLOW_SLOT_FLAGS);
  if (fin) store<u8>(slot, <u8>(flags | FLOW_FLAG_CLIENT_FIN), FLOW_SLOT_FLAGS);
  else if (pureAck && flags & FLOW_FLAG_CLIENT_FIN) removeKey(table, nowSeconds());
}

/** The server a client (masked to the configured prefix) was given for `anycast`, refreshed; FLOW_MISS if none. */
export function clientServer(client: usize, anycast: usize): u32 {
  const table = clientTable();
  if (!table) return FLOW_MISS;
  loadKey(client, anycast, 0, load<u32>(manycastRoot, MC_CLIENT_PREFIX_LENGTH));
  const slot = lookupSlot(table, nowSeconds());
  return slot ? load<u32>(slot, FLOW_SLOT_CHOICE) : FLOW_MISS;
}

/** Records the chosen server for the connection and for its client. */
export function rememberChoice(client: usize, anycast: usize, ports: u32, server: u32): void {
  const now = nowSeconds();
  const flows = flowTable();
  if (flows) {
    loadKey(client, anycast, ports, 128);
    insertKey(flows, server, 0, now);
  }
  const clients = clientTable();
  if (clients) {
    loadKey(client, anycast, 0, load<u32>(manycastRoot, MC_CLIENT_PREFIX_LENGTH));
    insertKey(clients, server, 0, now);
  }
}
