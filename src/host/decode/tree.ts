// The decoded tree and the flat field multimap, built together so they never disagree.
import { bitPattern, formatTreeValue, formatValue, type FieldDef, type FieldValue } from "./field.js";
import { takeSpan, type Span } from "./read-spans.js";

export interface DecodedItem {
  /** The line as `tshark -V` shows it. */
  label: string;
  /** tshark field name, when the line shows a field. */
  field?: string;
  /** The value as `tshark -T fields` prints it. */
  value?: string;
  children?: DecodedItem[];
  /** The frame octets [start, end) the field was read from; only when the decode asked for spans. */
  span?: Span;
}

/** tshark field name -> display strings, in wire order. */
export type FieldMap = Map<string, string[]>;

export type ExpertSeverity = "Error" | "Warning" | "Note" | "Chat";

export interface AddOptions {
  /** Replaces the tree text after the title (e.g. `ICMPv6 (58)` for a next-header value). */
  text?: string;
  /** Replaces the whole label. */
  label?: string;
  /** The whole integer the field was masked out of, to draw the bit pattern. */
  whole?: number;
  /** Recorded in the field map but not shown in the tree, like tshark's hidden items. */
  hidden?: boolean;
}

export class FrameOutput {
  readonly fields: FieldMap = new Map();
  readonly layers: DecodedItem[] = [];

  constructor(
    readonly problems: string[] = [],
    /** False for decoding tshark shows as opaque data under names it owns: tree lines only. */
    readonly recording = true,
    /** False when only fields are wanted (`-T fields`): no labels are built. */
    readonly labelling = true,
  ) {}

  layer(label: string): TreeNode {
    const item: DecodedItem = { label };
    this.layers.push(item);
    return new TreeNode(item, this);
  }

  record(name: string, value: string): void {
    if (!this.recording) return;
    const values = this.fields.get(name);
    if (values) values.push(value);
    else this.fields.set(name, [value]);
  }
}

export class TreeNode {
  constructor(
    readonly item: DecodedItem,
    private readonly out: FrameOutput,
  ) {}

  private attach(item: DecodedItem): TreeNode {
    (this.item.children ??= []).push(item);
    return new TreeNode(item, this.out);
  }

  /** A line with no field behind it. */
  text(label: string): TreeNode {
    return this.attach({ label });
  }

  add(def: FieldDef, value: FieldValue, options: AddOptions = {}): TreeNode {
    const shown = formatValue(def, value);
    this.out.record(def.name, shown);
    const span = takeSpan();
    if (options.hidden || !this.out.labelling) return new TreeNode({ label: "" }, this.out);
    const label =
      options.label ?? `${options.whole !== undefined ? bitPattern(def, options.whole) : ""}${def.title}: ${options.text ?? formatTreeValue(def, value)}`;
    const item: DecodedItem = this.out.recording ? { label, field: def.name, value: shown } : { label };
    if (span) item.span = span;
    return this.attach(item);
  }

  /** The same place in the tree, but what is added below it shows in the tree only. */
  treeOnly(): TreeNode {
    return new TreeNode(this.item, new FrameOutput(this.out.problems, false, this.out.labelling));
  }

  setLabel(label: string): void {
    this.item.label = label;
  }

  /** One of tshark's expert-info fields: no value of its own, `1` in `-T fields`. */
  expert(def: FieldDef, message: string, severity: ExpertSeverity, group: string): TreeNode {
    this.out.record(def.name, formatValue(def, "1"));
    if (!this.out.labelling) return this;
    return this.attach({
      label: `[Expert Info (${severity}/${group}): ${message}]`,
      children: [
        { label: `[${message}]`, ...(this.out.recording ? { field: def.name, value: "1" } : {}) },
        { label: `[Severity level: ${severity}]` },
        { label: `[Group: ${group}]` },
      ],
    });
  }

  /** Records what is wrong with the packet, in the tree where it was found and in the frame's list. */
  problem(message: string): void {
    this.out.problems.push(message);
    this.attach({
      label: `[Expert Info (Error/Malformed): ${message}]`,
      children: [{ label: `[${message}]` }, { label: "[Severity level: Error]" }, { label: "[Group: Malformed]" }],
    });
  }
}
