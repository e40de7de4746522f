// `<next>` in `hit-next`, `acl-hit-next`, `miss-next` and `acl-miss-next`: where a classifier hit
// or miss sends a packet. Spellings: `ip6-node NAME` (current VPP), `node NAME` (the spelling of
// VPP's docs, vpp-ioam-spec §8 item 9), `permit`, `deny` (`drop`), or a node id. Names resolve
// through the graph's own NODE_NAMES, so a node a colleague adds becomes usable here without
// touching this file; which nodes may follow a classifier is src/host/classify/next-node.ts's rule.
import { NODE_NAMES } from "../../../../assembly/graph/graph.layout.js";
import type { Arguments } from "../arguments.js";
import { CliError } from "../tokens.js";
import { classifyTargetNames, isClassifyTarget, NEXT_DENY, NEXT_PERMIT } from "../../classify/next-node.js";

const NODE_IDS = new Map<string, number>(NODE_NAMES.map((name, id) => [name, id]));

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
