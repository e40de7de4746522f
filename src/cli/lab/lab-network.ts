// Builds the lab's namespaces and links (plan.ts) with iproute2, recording each namespace in the
// lab's state before it is made. The kernel's IPv6 is off on every interface an engine owns (the
// engine has its own MAC and addresses, docs/live.md); clients and servers are plain Linux hosts
// whose only settings are their addresses, routes and, on the clients, seg6_enabled: this kernel
// drops any packet with a segment routing header, even one with Segments Left 0 addressed to the
// host, unless seg6_enabled is set both for "all" and for the receiving interface (the smaller of
// the two counts), and the chosen SYN-ACK reaches the client with its SRH, as the guide says.
import { addAddress, addVethPair, createNamespace, ipIn, setSysctls } from "../../io/netns.js";
import { saveState, type LabState } from "./lab-state.js";
import { ANYCAST, LAN_ROUTER, SERVER_LINK_MTU, planNamespaces, type LabPlan } from "./plan.js";

const LAN_BRIDGE = "lan";

function engineOwns(ns: string, interfaces: string[]): void {
  setSysctls(ns, Object.fromEntries(interfaces.map((i) => [`net.ipv6.conf.${i}.disable_ipv6`, 1])));
}

export function buildNetwork(plan: LabPlan, state: LabState): void {
  for (const ns of planNamespaces(plan)) {
    state.namespaces.push(ns);
    saveState(state);
    createNamespace(ns);
  }
  // The clients' LAN: a bridge in its own namespace, its ports without IPv6 of their own. Multicast
  // snooping off: the engine (M or CE) sends no MLD reports, and its solicited-node group must reach it.
  ipIn(plan.lanNs, ["link", "add", LAN_BRIDGE, "type", "bridge", "mcast_snooping", "0"]);
  setSysctls(plan.lanNs, { [`net.ipv6.conf.${LAN_BRIDGE}.disable_ipv6`]: 1 });
  ipIn(plan.lanNs, ["link", "set", LAN_BRIDGE, "up"]);
  const lanPort = (port: string) => {
    setSysctls(plan.lanNs, { [`net.ipv6.conf.${port}.disable_ipv6`]: 1 });
    ipIn(plan.lanNs, ["link", "set", port, "master", LAN_BRIDGE]);
  };

  // The LAN's router: M, or the client edge in front of it.
  if (plan.ceNs) {
    addVethPair(plan.ceNs, "ce-clients", plan.lanNs, "lan-ce");
    lanPort("lan-ce");
    addVethPair(plan.ceNs, "ce-m", plan.mNs, plan.mClientInterface);
    engineOwns(plan.ceNs, ["ce-clients", "ce-m"]);
  } else {
    addVethPair(plan.mNs, plan.mClientInterface, plan.lanNs, "lan-m");
    lanPort("lan-m");
  }

  for (const c of plan.clients) {
    addVethPair(c.ns, c.interface, plan.lanNs, c.lanPort);
    lanPort(c.lanPort);
    setSysctls(c.ns, { "net.ipv6.conf.all.seg6_enabled": 1, [`net.ipv6.conf.${c.interface}.seg6_enabled`]: 1 });
    addAddress(c.ns, c.interface, `${c.address}/64`);
    addAddress(c.ns, c.interface, `${c.direct}/64`);
    ipIn(c.ns, ["-6", "route", "add", "default", "via", LAN_ROUTER]);
  }

  for (const s of plan.servers) {
    addVethPair(plan.mNs, s.mInterface, s.edgeNs, s.edgeToM);
    addVethPair(s.edgeNs, s.edgeToServer, s.serverNs, s.serverInterface, { mtu: SERVER_LINK_MTU });
    engineOwns(s.edgeNs, [s.edgeToM, s.edgeToServer]);
    addAddress(s.serverNs, s.serverInterface, `${s.unicast}/64`);
    addAddress(s.serverNs, s.serverInterface, `${ANYCAST}/128`);
    ipIn(s.serverNs, ["-6", "route", "add", "default", "via", s.edgeServerAddress]);
  }
  engineOwns(plan.mNs, [plan.mClientInterface, ...plan.servers.map((s) => s.mInterface)]);
}
