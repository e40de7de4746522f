// What `show ioam summary`, `show ioam-trace profile`, `show ioam trace` and `show ioam6` print:
// VPP's wording for its trace profile and counters, and Linux's `ip ioam` and sysctl view of the
// RFC 9197 state.
import * as G from "../../../assembly/graph/graph.layout.js";
import type { IoamState } from "./ioam-state.js";
import { PRECISION_NAMES, type IoamNodeIdentity, type RfcTraceProfile, type VppTraceProfile } from "./trace-profiles.js";

const hex = (value: number | bigint, digits: number) => `0x${value.toString(16).padStart(digits, "0")}`;

export function formatVppProfile(p: VppTraceProfile | undefined): string {
  if (!p) return "\nTrace configuration not valid";
  const hexAndDecimal = (v: number) => `0x${v.toString(16)} (${v})`;
  return [
    " HOP BY HOP OPTIONS - TRACE CONFIG - ",
    `                        Trace Type : ${hexAndDecimal(p.traceType)}`,
    `         Trace timestamp precision : ${p.precision} (${PRECISION_NAMES[p.precision]})`,
    `                Num of trace nodes : ${p.elements}`,
    `                           Node-id : ${hexAndDecimal(p.nodeId)}`,
    `                          App Data : ${hexAndDecimal(p.appData)}`,
  ].join("\n");
}

export function formatRfcProfile(p: RfcTraceProfile | undefined, node: IoamNodeIdentity): string {
  if (!p) return "";
  return [
    " RFC 9197 TRACE CONFIG - ",
    `                         Namespace : ${p.namespace}`,
    `                        Trace Type : 0x${p.traceType.toString(16).padStart(6, "0")}`,
    `                        Trace size : ${p.dataOctets} octets${p.elements === undefined ? "" : ` (${p.elements} nodes)`}`,
    `                           Node-id : 0x${node.id.toString(16)} (${node.id})`,
  ].join("\n");
}

/** `show ioam-trace profile`: both formats' profiles, the RFC 9197 one only when set. */
export function formatTraceProfiles(state: IoamState): string {
  return [formatVppProfile(state.vppProfile), formatRfcProfile(state.rfcProfile, state.node)].filter(Boolean).join("\n");
}

/** `show ioam summary`: which options the rewrite inserts, in VPP's words, and the rewrite's size. */
export function formatIoamSummary(state: IoamState): string {
  const flags = state.rewrite?.flags;
  const line = (name: string, on: boolean, hint: string) => `${name.padStart(36)} - ${on ? 1 : 0} (${on ? "Enabled" : "Disabled"})${on ? `\n${hint}` : ""}`;
  const lines = [
    "              REWRITE FLOW CONFIGS - Not configured",
    line("TRACE OPTION", Boolean(flags?.trace), "Try 'show ioam trace and show ioam-trace profile' for more information"),
    line("POT OPTION", Boolean(flags?.pot), "Try 'show ioam pot and show pot profile' for more information"),
    line("EDGE TO EDGE - SeqNo OPTION", Boolean(flags?.seqno), "Try 'show ioam e2e' for more information"),
    "         iOAM Analyse OPTION - 0 (Disabled)",
  ];
  if (state.rewrite) lines.push(`  rewrite: ${state.rewrite.format} format, ${state.rewrite.bytes.length} octets of hop-by-hop header`);
  return lines.join("\n");
}

// VPP's trace counters and the node counter each shows; -1: none, this engine never sends a trace back (loopback), so 0.
const TRACE_COUNTERS: readonly [string, number][] = [
  ["Pkts with ip6 hop-by-hop trace options", G.ERR_TRACE_UPDATED],
  ["Pkts with ip6 hop-by-hop trace options but no profile set", G.ERR_TRACE_NO_PROFILE],
  ["Pkts with trace updated", G.ERR_TRACE_UPDATED],
  ["Pkts with trace options but no space", G.ERR_TRACE_NO_SPACE],
  ["Pkts with trace options Loopback", -1],
  ["Pkts with trace options Loopback Reply", G.ERR_TRACE_LOOPBACK_REPLY],
  ["Pkts with RFC 9197 trace updated", G.ERR_RFC_TRACE_UPDATED],
  ["Pkts with RFC 9197 trace overflow", G.ERR_RFC_TRACE_OVERFLOW],
];

/** `show ioam trace`, from the engine's node counters. */
export function formatTraceCounters(counts: readonly bigint[]): string {
  return TRACE_COUNTERS.map(([name, id]) => ` ${name} - ${id < 0 ? 0n : (counts[id] ?? 0n)}`).join("\n");
}

/** Everything, the way `ip ioam namespace show`, `ip ioam schema show` and the sysctls print it. */
export function formatIoam6(state: IoamState, interfaceName: (index: number) => string): string {
  const lines = [`node-id ${state.node.id} (${hex(state.node.id, 6)}) wide ${state.node.wide} (${hex(state.node.wide, 14)})`];
  for (const ns of [...state.namespaces.values()].sort((a, b) => a.id - b.id)) {
    const schema = ns.schema === undefined ? "" : ` schema ${ns.schema}`;
    const data = ns.data === 0xffffffff ? "" : ` data ${hex(ns.data, 8)}`;
    const wide = ns.wide === 0xffffffffffffffffn ? "" : ` wide ${hex(ns.wide, 16)}`;
    lines.push(`namespace ${ns.id}${schema}${data}${wide}`);
  }
  for (const schema of [...state.schemas.values()].sort((a, b) => a.id - b.id)) {
    const bound = state.namespaceOfSchema(schema.id);
    const octets = [...schema.data].map((b) => b.toString(16).padStart(2, "0")).join(" ");
    lines.push(`schema ${schema.id}${bound ? ` namespace ${bound.id}` : ""} data ${octets}`);
  }
  for (const [index, settings] of [...state.interfaces].sort((a, b) => a[0] - b[0])) {
    lines.push(`interface ${interfaceName(index)} ioam6 ${settings.enabled ? "enabled" : "disabled"} id ${settings.id} wide ${settings.wide}`);
  }
  return lines.join("\n");
}
