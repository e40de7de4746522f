// The FIB lookup on its own (FIB 0), for benchmarks and the LPM property test: `n` 16-octet addresses at
// `addresses`, one DPO per address into the u32 array at `results`. The read window is the
// address array, so the debug build checks that lookups read nothing else.
import { IPV6_ADDRESS_LENGTH } from "../wire/ipv6.layout";
import { openWindow } from "../engine/bytes";
import { fibLookup } from "../fib/fib";

export function fibLookupVector(addresses: usize, n: i32, results: usize): void {
  const end = addresses + <usize>n * IPV6_ADDRESS_LENGTH;
  openWindow(addresses, end, results, results + ((<usize>n) << 2));
  for (let k = 0; k < n; k++) {
    store<u32>(results + ((<usize>k) << 2), fibLookup(addresses + <usize>k * IPV6_ADDRESS_LENGTH, 0));
  }
}
