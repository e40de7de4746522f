// What `show ioam-trace profile` and `show ioam6` print: VPP's wording for its trace profile, and
// Linux's `ip ioam` and sysctl view of the RFC 9197 state.
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
