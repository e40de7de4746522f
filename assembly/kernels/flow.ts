// The flow table's vector entry points (assembly/flow/table.ts), on the table at `table`, at the
// engine clock's time: per parsed packet (descriptors [0, n)), and per key record for the host,
// the tests and the benchmark. Results are one u32 choice (or FLOW_MISS) per packet or key.
import { DESC_ERROR, DESC_FLAGS, DESC_FLAG_IP6, DESC_FRAGMENT, DESC_L3, DESC_L4, DESC_L4_PROTO } from "../engine/descriptor.layout";
import { FLOW_KEY_SIZE, FLOW_MISS } from "../flow/flow.layout";
import { IPV6_DST, IPV6_SRC, PROTO_TCP, PROTO_UDP } from "../wire/ipv6.layout";
import { TCP_FLAGS, TCP_FLAG_FIN, TCP_FLAG_RST } from "../wire/tcp.layout";
import { UDP_SRC_PORT } from "../wire/udp.layout";
import { ld32, ld8, openWindow } from "../engine/bytes";
import { desc, enterPacket, packetStart } from "../engine/vector";
import { nowSeconds } from "../engine/clock";
import { insertKey, loadKeyAddresses, loadKeyRecord, lookupKey, removeKey } from "../flow/table";

/**
 * Looks up the 5-tuple of every parsed IPv6 packet in [0, n) (ports for unfragmented TCP and UDP,
 * 0 otherwise), refreshing its flow, and removes the flow of a TCP segment with FIN or RST after
 * answering it (the connection's last packets still reach its server). Packets that are not
 * clean IPv6 get FLOW_MISS. Returns how many packets found a flow.
 */
export function flowLookupVector(table: usize, n: i32, results: usize): i32 {
  const now = nowSeconds();
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const d = desc(i);
    let choice: u32 = FLOW_MISS;
    if (load<u16>(d, DESC_ERROR) == 0 && (load<u8>(d, DESC_FLAGS) & DESC_FLAG_IP6) != 0) {
      enterPacket(d);
      const pkt = packetStart(d);
      const ip = pkt + <usize>load<u16>(d, DESC_L3);
      const l4 = <usize>load<u16>(d, DESC_L4);
      const proto = <u32>load<u8>(d, DESC_L4_PROTO);
      const hasPorts = l4 != 0 && load<u16>(d, DESC_FRAGMENT) == 0 && (proto == PROTO_TCP || proto == PROTO_UDP);
      loadKeyAddresses(ip + IPV6_SRC, ip + IPV6_DST, hasPorts ? ld32(pkt + l4 + UDP_SRC_PORT) : 0, proto);
      choice = lookupKey(table, now);
      if (choice != FLOW_MISS) {
        hits++;
        if (hasPorts && proto == PROTO_TCP && (ld8(pkt + l4 + TCP_FLAGS) & (TCP_FLAG_FIN | TCP_FLAG_RST)) != 0) removeKey(table, now);
      }
    }
    store<u32>(results + (<usize>i << 2), choice);
  }
  return hits;
}

@inline function openKeys(keys: usize, n: i32): void {
  openWindow(keys, keys + <usize>n * FLOW_KEY_SIZE, 0, 0);
}

/** Looks up `n` key records at `keys` (refreshing their flows), one choice each into `results`. */
export function flowLookupKeys(table: usize, keys: usize, n: i32, results: usize): void {
  const now = nowSeconds();
  openKeys(keys, n);
  for (let k = 0; k < n; k++) {
    loadKeyRecord(keys + <usize>k * FLOW_KEY_SIZE);
    store<u32>(results + (<usize>k << 2), lookupKey(table, now));
  }
}

/** Inserts (or updates) `n` key records with the u32 choices at `choices` and the u8 flags at `flags`. */
export function flowInsertKeys(table: usize, keys: usize, choices: usize, flags: usize, n: i32): void {
  const now = nowSeconds();
  openKeys(keys, n);
  for (let k = 0; k < n; k++) {
    loadKeyRecord(keys + <usize>k * FLOW_KEY_SIZE);
    insertKey(table, load<u32>(choices + (<usize>k << 2)), <u32>load<u8>(flags + <usize>k), now);
  }
}

/** Removes the flows of `n` key records; returns how many were present. */
export function flowRemoveKeys(table: usize, keys: usize, n: i32): i32 {
  const now = nowSeconds();
  openKeys(keys, n);
  let removed = 0;
  for (let k = 0; k < n; k++) {
    loadKeyRecord(keys + <usize>k * FLOW_KEY_SIZE);
    if (removeKey(table, now)) removed++;
  }
  return removed;
}
