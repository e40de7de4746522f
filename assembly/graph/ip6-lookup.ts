// ip6-lookup: chooses the output interface. With no FIB configured the engine is a bump in the
// wire: every packet leaves by the interface it arrived on.
import { DESC_RX_IF, DESC_TX_IF } from "../engine/descriptor.layout";
import { desc, markError, sendTo } from "../engine/vector";
import { ERR_IP6_LOOKUP_BUMP, NODE_INTERFACE_OUTPUT } from "./graph.layout";

export function ip6Lookup(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = <i32>load<u16>(frame + (<usize>k << 1));
    const d = desc(i);
    store<u16>(d, load<u16>(d, DESC_RX_IF), DESC_TX_IF);
    markError(d, ERR_IP6_LOOKUP_BUMP);
    sendTo(i, d, NODE_INTERFACE_OUTPUT);
  }
}
