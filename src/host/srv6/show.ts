// `show sr policies`, `show sr steering-policies` and `show sr localsids`, laid out as VPP prints
// them (src/vnet/srv6/sr_policy_rewrite.c, sr_steering.c, sr_localsid.c). Additions: reduced
// policies say so after their behaviour, and End.DT6 tables other than 0 cannot exist here.
import { formatIp6 } from "../format/ip6-address.js";
import type { LocalSid, SrConfig, SrPolicy } from "./model.js";
import type { Srv6 } from "./srv6.js";
import { isInsertion, isReduced } from "./srh-rewrite.js";

export type InterfaceName = (interfaceIndex: number) => string;

function policyLines(policy: SrPolicy, encapSource: Uint8Array): string[] {
  const behavior = isInsertion(policy.mode) ? "SRH insertion" : "Encapsulation";
  const lines = [`[${policy.index}].-\tBSID: ${formatIp6(policy.bsid)}`, `\tBehavior: ${behavior}${isReduced(policy.mode) ? " (reduced SRH)" : ""}`];
  if (!isInsertion(policy.mode)) lines.push(`\tEncapSrcIP: ${formatIp6(policy.source ?? encapSource)}`);
  lines.push(`\tType: ${policy.spray ? "Spray" : "Default"}`, "\tFIB table: 0", "\tSegment Lists:");
  for (const list of policy.lists) {
    lines.push(`  \t[${list.index}].- < ${list.segments.map((s) => formatIp6(s)).join(", ")} > weight: ${list.weight}`);
  }
  lines.push("-----------");
  return lines;
}

export function formatSrPolicies(config: SrConfig): string {
  return ["SR policies:", ...config.livePolicies().flatMap((p) => policyLines(p, config.encapSource))].join("\n");
}

export function formatSteeringPolicies(config: SrConfig): string {
  const rows = [...config.steering.values()].map((s) => `L3 ${formatIp6(s.prefix)}/${s.length}\t${formatIp6(s.policy.bsid)}`);
  return ["SR steering policies:", "Traffic\t\tSR policy BSID", ...rows].join("\n");
}

function behaviorLines(sid: LocalSid, name: InterfaceName): string[] {
  const address = formatIp6(sid.address);
  const b = sid.behavior;
  switch (b.kind) {
    case "end":
      return [`\tAddress: \t${address}`, "\tBehavior: \tEnd"];
    case "end.x":
      return [
        `\tAddress: \t${address}/128`,
        "\tBehavior: \tX (Endpoint with Layer-3 cross-connect)",
        `\tIface:  \t${name(b.interfaceIndex)}`,
        `\tNext hop: \t${formatIp6(b.nextHop)}`,
      ];
    case "end.dx6":
      return [
        `\tAddress: \t${address}/128`,
        "\tBehavior: \tDX6 (Endpoint with decapsulation and IPv6 cross-connect)",
        `\tIface:  \t${name(b.interfaceIndex)}`,
        `\tNext hop: \t${formatIp6(b.nextHop)}`,
      ];
    case "end.dt6":
      return [`\tAddress: \t${address}/128`, "\tBehavior: \tDT6 (Endpoint with decapsulation and specific IPv6 table lookup)", `\tTable: ${b.table}`];
    case "end.cats":
      return [`\tAddress: \t${address}/128`, "\tBehavior: \tCATS (Endpoint with decapsulation and computing forwarding table)", `\tService: ${b.service}`];
  }
}

export function formatLocalSids(srv6: Srv6, name: InterfaceName): string {
  const lines = ["SRv6 - My LocalSID Table:", "========================="];
  for (const sid of srv6.config.liveLocalSids()) {
    lines.push(...behaviorLines(sid, name));
    if ((sid.behavior.kind === "end" || sid.behavior.kind === "end.x") && sid.behavior.psp) lines.push("\tPSP: \tTrue");
    const c = srv6.counters(sid);
    lines.push(`\tGood traffic: \t[${c.goodPackets} packets : ${c.goodBytes} bytes]`);
    lines.push(`\tBad traffic:  \t[${c.badPackets} packets : ${c.badBytes} bytes]`);
    lines.push("--------------------");
  }
  return lines.join("\n");
}
