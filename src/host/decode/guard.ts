// Stops a header's dissection at the first field that is not in the data, with one problem string
// that says which header, how much was there and how much it needed.
import { fits } from "./bytes.js";
import type { TreeNode } from "./tree.js";

export class HeaderGuard {
  private reported = false;

  constructor(
    private readonly node: TreeNode,
    private readonly data: Uint8Array,
    private readonly start: number,
    private readonly end: number,
    private readonly name: string,
    private readonly fullLength: number,
  ) {}

  get available(): number {
    return Math.max(0, Math.min(this.end, this.data.length) - this.start);
  }

  /** True (and reported once) when `length` octets at `relative` are not there. */
  short(relative: number, length: number): boolean {
    if (fits(this.data, this.start + relative, length, this.end)) return false;
    if (!this.reported) {
      this.reported = true;
      this.node.problem(truncatedMessage(this.name, this.available, this.fullLength));
    }
    return true;
  }
}

/** True (and said on `node`) when fewer than the `needed` octets a header starts with stand in [start, limit). */
export function headerShort(node: TreeNode, name: string, start: number, limit: number, needed: number): boolean {
  if (start + needed <= limit) return false;
  node.problem(truncatedMessage(name, Math.max(0, limit - start), needed));
  return true;
}

export function truncatedMessage(name: string, available: number, needed: number): string {
  return `${name} truncated: ${available} of ${needed} bytes`;
}
