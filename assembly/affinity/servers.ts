// The client edge's server directory (affinity.layout.ts): one entry per server an option named,
// each holding the prebuilt H.Insert segment list that steers to it. Servers are few (one per
// server edge), so a linear search, done only when an option is learned, is enough; entries are
// never removed, since learned clients and connections refer to them by index.
import { ld64 } from "../engine/bytes";
import { LIST_FIRST_SEGMENT, LIST_SRH } from "../srv6/sr.layout";
import {
  AFFINITY_SERVER_LIST,
  AFFINITY_SERVER_PORT,
  AFFINITY_SERVER_SIZE,
  AFFINITY_SERVER_SRH_SERVER_SLOT,
  CLIENT_EDGE_SERVERS,
  CLIENT_EDGE_SERVER_CAPACITY,
  CLIENT_EDGE_SERVER_COUNT,
} from "./affinity.layout";

/** Entry `index` of the directory, or 0 when it is not in use. */
export function serverEntry(config: usize, index: u32): usize {
  if (index >= load<u32>(config, CLIENT_EDGE_SERVER_COUNT)) return 0;
  return <usize>load<u32>(config, CLIENT_EDGE_SERVERS) + <usize>index * AFFINITY_SERVER_SIZE;
}

/** The segment list record of a directory entry. */
@inline export function serverList(entry: usize): usize {
  return entry + AFFINITY_SERVER_LIST;
}

@inline function holds(entry: usize, address: usize, port: u32): bool {
  const server = serverList(entry) + LIST_FIRST_SEGMENT;
  return (
    load<u32>(entry, AFFINITY_SERVER_PORT) == port &&
    bswap<u64>(load<u64>(server, 8)) == ld64(address + 8) &&
    bswap<u64>(load<u64>(server)) == ld64(address)
  );
}

/** Writes the packet's 16 octets at `p` to `to` in configuration memory (a checked packet read). */
@inline function storeAddress(to: usize, p: usize): void {
  store<u64>(to, bswap<u64>(ld64(p)));
  store<u64>(to, bswap<u64>(ld64(p + 8)), 8);
}

/**
 * The index of the server at packet address `address` with `port`, added to the directory if new;
 * -1 when it is new and the directory is full.
 */
export function serverIndex(config: usize, address: usize, port: u32): i32 {
  const servers = <usize>load<u32>(config, CLIENT_EDGE_SERVERS);
  const count = load<u32>(config, CLIENT_EDGE_SERVER_COUNT);
  for (let k: u32 = 0; k < count; k++) {
    if (holds(servers + <usize>k * AFFINITY_SERVER_SIZE, address, port)) return <i32>k;
  }
  if (count >= load<u32>(config, CLIENT_EDGE_SERVER_CAPACITY)) return -1;
  const entry = servers + <usize>count * AFFINITY_SERVER_SIZE;
  store<u32>(entry, port, AFFINITY_SERVER_PORT);
  // The host wrote the rest of the list (SRH length, fixed octets) from the H.Insert rewrite.
  storeAddress(serverList(entry) + LIST_FIRST_SEGMENT, address);
  storeAddress(serverList(entry) + LIST_SRH + AFFINITY_SERVER_SRH_SERVER_SLOT, address);
  store<u32>(config, count + 1, CLIENT_EDGE_SERVER_COUNT);
  return <i32>count;
}

