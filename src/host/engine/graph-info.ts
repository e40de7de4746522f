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
