// ip6-local: packets addressed to this node (a DPO_LOCAL route: an interface address). The engine
// has no host stack: an ICMPv6 Echo Request is answered (ping works), everything else is counted
// and dropped.
import { countError, desc, enterPacket, markError, sendTo } from "../engine/vector";
import { answerEchoRequest } from "./icmp6-originate";
import {
  ERR_ECHO_REPLY_SENT,
  ERR_LOCAL_NO_STACK,
  ERR_LOCAL_PACKETS,
  NODE_ERROR_DROP,
  NODE_IP6_LOOKUP,
} from "./graph.layout";

export function ip6Local(frame: usize, n: i32): void {
  for (let k = 0; k < n; k++) {
    const i = <i32>load<u16>(frame + (<usize>k << 1));
    const d = desc(i);
    enterPacket(d);
    countError(ERR_LOCAL_PACKETS);
    if (answerEchoRequest(d)) {
      markError(d, ERR_ECHO_REPLY_SENT);
      sendTo(i, d, NODE_IP6_LOOKUP);
    } else {
      markError(d, ERR_LOCAL_NO_STACK);
      sendTo(i, d, NODE_ERROR_DROP);
    }
  }
}
