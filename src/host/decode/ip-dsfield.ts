// DSCP and ECN names, shared by the IPv4 DS field and the IPv6 traffic class (same octet layout).
import { hexNumber } from "./format.js";
import { IPV4_DSCP_SHIFT, IPV4_ECN_MASK } from "../../../assembly/wire/ipv4.layout.js";
// Laid out as RFC 4594 groups them: class selectors, assured forwarding by class, the rest.
// prettier-ignore
const DSCP_NAMES = new Map<number, string>([
  [0, "CS0"], [8, "CS1"], [16, "CS2"], [24, "CS3"], [32, "CS4"], [40, "CS5"], [48, "CS6"], [56, "CS7"],
  [10, "AF11"], [12, "AF12"], [14, "AF13"], [18, "AF21"], [20, "AF22"], [22, "AF23"],
  [26, "AF31"], [28, "AF32"], [30, "AF33"], [34, "AF41"], [36, "AF42"], [38, "AF43"],
  [44, "VA"], [46, "EF PHB"], [1, "LE"],
]);
const DSCP_LONG_NAMES = new Map<number, string>([
  [0, "Default"],
  [1, "Lower Effort"],
  [44, "Voice-Admit"],
  [46, "Expedited Forwarding"],
]);
const ECN_SHORT = ["Not-ECT", "ECT(1)", "ECT(0)", "CE"];
const ECN_LONG = ["Not ECN-Capable Transport", "ECN-Capable Transport codepoint '01'", "ECN-Capable Transport codepoint '10'", "Congestion Experienced"];
const DSCP_SHIFT = IPV4_DSCP_SHIFT;
const ECN_MASK = IPV4_ECN_MASK;

export function dsfieldText(octet: number): string {
  const dscp = octet >>> DSCP_SHIFT;
  return `${hexNumber(octet, 2)} (DSCP: ${DSCP_NAMES.get(dscp) ?? "Unknown"}, ECN: ${ECN_SHORT[octet & ECN_MASK]})`;
}

export function dscpText(dscp: number): string {
  const short = DSCP_NAMES.get(dscp);
  const long =
    DSCP_LONG_NAMES.get(dscp) ??
    (short?.startsWith("CS") ? `Class Selector ${short.slice(2)}` : short?.startsWith("AF") ? `Assured Forwarding ${short.slice(2)}` : "Unknown");
  return `${long} (${dscp})`;
}

export function ecnText(ecn: number): string {
  return `${ECN_LONG[ecn]} (${ecn})`;
}
