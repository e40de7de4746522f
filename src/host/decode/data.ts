// Bytes no dissector claims, shown the way tshark's "data" protocol shows them.
import { hex } from "./bytes.js";
import { tsharkField } from "./field.js";
import type { Dissection } from "./dissection.js";
import type { TreeNode } from "./tree.js";

export const DATA = {
  data: tsharkField("data.data", "Data", "bytes"),
  len: tsharkField("data.len", "Length", "uint"),
};

/** Adds a "Data (n bytes)" layer, or a subtree when `parent` is given (e.g. inside ICMPv6). */
export function dissectData(d: Dissection, data: Uint8Array, offset: number, end: number, parent?: TreeNode): void {
  const stop = Math.min(end, data.length);
  const length = stop - offset;
  if (length <= 0) return;
  d.enter("data");
  const label = `Data (${length} byte${length === 1 ? "" : "s"})`;
  const node = parent ? parent.text(label) : d.layer(label);
  node.add(DATA.data, hex(data, offset, stop));
  node.add(DATA.len, length, { label: `[Length: ${length}]` });
}
