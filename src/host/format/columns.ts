// Fixed-width text tables as VPP's show commands print them: one definition of the columns serves
// the header row and every data row, so a width cannot differ between the two.
export interface Column {
  width: number;
  /** "right" pads on the left (counts, indices); "left" pads on the right (names). */
  align: "left" | "right";
  /** What stands before the cell: VPP separates some columns with spaces or tabs. */
  gap?: string;
}

/** One row: each cell padded to its column's width (a longer cell widens its row, as printf's %-*s does). */
export function columnsRow(columns: readonly Column[], cells: readonly string[]): string {
  return columns
    .map((column, k) => `${column.gap ?? ""}${column.align === "right" ? cells[k].padStart(column.width) : cells[k].padEnd(column.width)}`)
    .join("");
}

/** The header row, then one row per entry. */
export function columnsTable(columns: readonly Column[], header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [header, ...rows].map((cells) => columnsRow(columns, cells));
}
