// Where a classifier hit or miss sends a packet: `<next>` in `hit-next`, `acl-hit-next`,
// `miss-next` and `acl-miss-next`. Spellings: `ip6-node NAME` (current VPP), `node NAME` (the
// spelling of VPP's docs, vpp-ioam-spec §8 item 9), `permit`, `deny` (`drop`), or a node id.
// Names resolve through the graph's own NODE_NAMES, so a node a colleague adds becomes usable here
// without touching this file.
import {
  NODE_DEVICE_INPUT,
  NODE_ERROR_DROP,
  NODE_ETHERNET_INPUT,
  NODE_IP4_INPUT,
  NODE_IP6_INACL,
  NODE_IP6_INPUT,
  NODE_IP_INPUT_RAW,
  NODE_NAMES,
} from "../../../assembly/graph/graph.layout.js";
import { CLASSIFY_NONE } from "../../../assembly/classify/classify.layout.js";
import type { Arguments } from "../vpp-cli/arguments.js";
import { CliError } from "../vpp-cli/tokens.js";

/** "permit": continue on the feature arc, i.e. to ip6-lookup (VPP's ~0). */
export const NEXT_PERMIT = CLASSIFY_NONE;
export const NEXT_DENY = NODE_ERROR_DROP;

// Nodes a classified packet cannot be handed to: the input path it has already been through
// (sending it back would loop through ip6-inacl) and the host-side device-input.
const INPUT_PATH = new Set([NODE_DEVICE_INPUT, NODE_ETHERNET_INPUT, NODE_IP_INPUT_RAW, NODE_IP4_INPUT, NODE_IP6_INPUT, NODE_IP6_INACL]);

const NODE_IDS = new Map<string, number>(NODE_NAMES.map((name, id) => [name, id]));

export function isClassifyTarget(node: number): boolean {
  return node >= 0 && node < NODE_NAMES.length && !INPUT_PATH.has(node);
}

export function classifyTargetNames(): string[] {
  return NODE_NAMES.filter((_, id) => isClassifyTarget(id));
}

/** Reads `<next>` at the cursor; returns a node id or NEXT_PERMIT. */
export function parseNextNode(args: Arguments): number {
  if (args.accept("permit")) return NEXT_PERMIT;
  if (args.accept("deny", "drop")) return NEXT_DENY;
  const column = args.column;
  if (args.accept("ip4-node")) throw new CliError(column, "ip4 input ACLs are not supported: use 'ip6-node NAME'");
  if (args.accept("ip6-node", "node")) return nodeByName(args);
  const text = args.peek();
  if (text === undefined || !/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text)) {
    args.fail("'ip6-node NAME', 'node NAME', 'permit', 'deny' or a node id");
  }
  const id = args.integer("node id");
  if (id === NEXT_PERMIT) return NEXT_PERMIT;
  if (!isClassifyTarget(id)) {
    throw new CliError(column, `node id ${id} is not a node ip6-inacl can send to; known: ${describeTargets()}`);
  }
  return id;
}

function nodeByName(args: Arguments): number {
  const column = args.column;
  const name = args.word("a node name");
  const id = NODE_IDS.get(name);
  if (id !== undefined && isClassifyTarget(id)) return id;
  if (id !== undefined) throw new CliError(column, `node '${name}' cannot follow ip6-inacl (it is on the input path); known: ${describeTargets()}`);
  throw new CliError(column, `unknown node '${name}'; known: ${describeTargets()}`);
}

function describeTargets(): string {
  return classifyTargetNames()
    .map((name) => `${name} (${NODE_IDS.get(name)})`)
    .join(", ");
}

/** How `show classify tables` prints a next: VPP's %d of a u32, so permit (~0) is -1. */
export function formatNext(next: number): string {
  return String(next | 0);
}
