// Names of the graph's nodes and counters, read from the one table the Wasm nodes use.
import { ERROR_COUNT, ERROR_INFO, NODE_COUNT, NODE_NAMES } from "../../../assembly/graph/graph.layout.js";

export type ErrorKind = "drop" | "pass" | "info";

export interface ErrorInfo {
  id: number;
  node: string;
  reason: string;
  kind: ErrorKind;
}

export const NODE_NAME_LIST: readonly string[] = NODE_NAMES;

export const ERRORS: readonly ErrorInfo[] = ERROR_INFO.map((entry, id) => {
  const [node, reason, kind] = entry.split("|");
  return { id, node, reason, kind: kind as ErrorKind };
});

if (ERRORS.length !== ERROR_COUNT || NODE_NAMES.length !== NODE_COUNT) {
  throw new Error("graph.layout.ts: ERROR_INFO/NODE_NAMES do not match ERROR_COUNT/NODE_COUNT");
}

export function nodeName(id: number): string {
  return NODE_NAMES[id] ?? `node-${id}`;
}

/**
 * The counter id of a reason by its text, as `show errors` prints it; `node` is needed where nodes
 * share a text ("interface is down": device-input and interface-output), and a lookup that would
 * otherwise depend on the counters' order is refused.
 */
export function errorIdOf(reason: string, node?: string): number {
  const found = ERRORS.filter((e) => e.reason === reason && (node === undefined || e.node === node));
  if (found.length === 0) throw new Error(`no such reason: ${node ? `${node}: ` : ""}${reason}`);
  if (found.length > 1) throw new Error(`reason "${reason}" is counted by ${found.map((e) => e.node).join(", ")}: name the node`);
  return found[0].id;
}
