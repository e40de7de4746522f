// Where a classifier hit or miss may send a packet: permit (on along the feature arc), deny, or
// any node that is not on the input path. The CLI reads the spellings
// (src/host/vpp-cli/commands/classify-next-node.ts); `show classify tables` prints formatNext.
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

/** "permit": continue on the feature arc, i.e. to ip6-lookup (VPP's ~0). */
export const NEXT_PERMIT = CLASSIFY_NONE;
export const NEXT_DENY = NODE_ERROR_DROP;

// Nodes a classified packet cannot be handed to: the input path it has already been through
// (sending it back would loop through ip6-inacl) and the host-side device-input.
const INPUT_PATH = new Set([NODE_DEVICE_INPUT, NODE_ETHERNET_INPUT, NODE_IP_INPUT_RAW, NODE_IP4_INPUT, NODE_IP6_INPUT, NODE_IP6_INACL]);

export function isClassifyTarget(node: number): boolean {
  return node >= 0 && node < NODE_NAMES.length && !INPUT_PATH.has(node);
}

export function classifyTargetNames(): string[] {
  return NODE_NAMES.filter((_, id) => isClassifyTarget(id));
}

/** How `show classify tables` prints a next: VPP's %d of a u32, so permit (~0) is -1. */
export function formatNext(next: number): string {
  return String(next | 0);
}
