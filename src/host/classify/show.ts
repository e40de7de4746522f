// `show classify tables` and `show inacl|outacl type ip6` in VPP's layout (vnet_classify.c, in_out_acl.c).
import type { InterfaceTable } from "../dataplane/interfaces.js";
import type { Classifier } from "./classifier.js";
import { keyHash } from "./hash.js";
import { formatNext } from "./next-node.js";
import { columnsRow, columnsTable, type Column } from "../format/columns.js";

const NANOSECONDS = 1e9;
const TABLE_COLUMNS: readonly Column[] = Array.from({ length: 4 }, () => ({ width: 10, align: "right" }));
const ACL_COLUMNS: readonly Column[] = [
  { width: 10, align: "right" },
  { width: 20, align: "right" },
  { width: 0, align: "left", gap: "\t\t" },
];

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** VPP prints u32 fields with %d, so ~0 shows as -1. */
function signed(value: number): string {
  return String(value | 0);
}

export function formatClassifyTables(classifier: Classifier, only: number | undefined, verbose: number): string {
  const tables = classifier.tables().filter((t) => only === undefined || t.index === only);
  if (tables.length === 0) return "No classifier tables configured";
  const lines = [columnsRow(TABLE_COLUMNS, ["TableIdx", "Sessions", "NextTbl", "NextNode"])];
  for (const table of tables) {
    const placement = classifier.placement(table.index)!;
    lines.push(columnsRow(TABLE_COLUMNS, [String(table.index), String(table.sessions.length), signed(table.nextTable), formatNext(table.missNext)]));
    lines.push(`  nbuckets ${placement.buckets}, skip ${table.skip} match ${table.match} flag ${table.currentDataFlag} offset ${table.currentDataOffset}`);
    lines.push(`  mask ${hex(table.mask)}`);
    if (verbose > 0) lines.push(...formatSessions(classifier, table.index, placement.buckets, verbose));
  }
  return lines.join("\n");
}

function formatSessions(classifier: Classifier, index: number, buckets: number, verbose: number): string[] {
  const table = classifier.table(index)!;
  const counters = classifier.counters(index);
  const byBucket = new Map<number, number[]>();
  table.sessions.forEach((s, position) => {
    const bucket = keyHash(s.key) & (buckets - 1);
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), position]);
  });
  const lines: string[] = [];
  for (let bucket = 0; bucket < buckets; bucket++) {
    const positions = byBucket.get(bucket);
    if (!positions) {
      if (verbose > 1) lines.push(`[${bucket}]: empty`);
      continue;
    }
    lines.push(`[${bucket}]: elts ${positions.length}`);
    positions.forEach((position, j) => {
      const s = table.sessions[position];
      const { hits, lastHeardNs } = counters[position];
      lines.push(`    ${j}: [${position}]: next_index ${formatNext(s.hitNext)} advance ${s.advance} opaque ${signed(s.opaque)} action 0 metadata 0`);
      lines.push(`        k: ${hex(s.key)}`);
      lines.push(`        hits ${hits}, last_heard ${(Number(lastHeardNs) / NANOSECONDS).toFixed(2)}`);
    });
  }
  lines.push(`    ${table.sessions.length} active elements`);
  return lines;
}

/** `show inacl type ip6` / `show outacl type ip6`: [interface index, table] pairs. */
export function formatAcls(acls: [number, number][], interfaces: InterfaceTable): string {
  const rows = acls.map(([iface, table]) => [String(iface), String(table), interfaces.name(iface)]);
  return columnsTable(ACL_COLUMNS, ["Intfc idx", "Classify table", "Interface name"], rows).join("\n");
}
