// The packet detail tree (tshark -V's lines from the project's decoder) with ARIA tree semantics:
// Up/Down move, Right opens or enters, Left closes or climbs; choosing a line highlights its
// octets in the hex pane (a field's own span; a header's, the span of everything under it).
import { h, clear } from "../ui/dom.js";
import type { TreeItem } from "../protocol.js";

export type Span = [number, number];

/** A line's octets: its own span, else the union of its children's. */
export function spanOf(item: TreeItem): Span | undefined {
  if (item.span) return item.span;
  let start = Infinity;
  let end = -Infinity;
  for (const child of item.children ?? []) {
    const s = spanOf(child);
    if (s) {
      start = Math.min(start, s[0]);
      end = Math.max(end, s[1]);
    }
  }
  return start < end ? [start, end] : undefined;
}

export class DetailTree {
  readonly element: HTMLElement;
  private items: HTMLElement[] = [];
  private current: HTMLElement | undefined;
  private readonly spans = new WeakMap<HTMLElement, Span | undefined>();
  private readonly nodes = new WeakMap<HTMLElement, TreeItem>();
  onHighlight: (span: Span | undefined) => void = () => {};

  constructor() {
    this.element = h("ul", { class: "detail-tree", role: "tree", "aria-label": "Packet details", tabindex: 0 });
    this.element.addEventListener("keydown", (e) => this.key(e));
    this.element.addEventListener("focus", () => {
      if (!this.current && this.items[0]) this.choose(this.items[0]);
    });
  }

  show(tree: TreeItem[], frameLength: number): void {
    clear(this.element);
    this.items = [];
    this.current = undefined;
    tree.forEach((layer, i) => this.element.append(this.node(layer, 1, i === 0 ? ([0, frameLength] as Span) : undefined, i > 0)));
  }

  private node(item: TreeItem, level: number, span: Span | undefined, open: boolean): HTMLElement {
    const hasChildren = (item.children?.length ?? 0) > 0;
    const label = h("span", { class: "dt-label" }, item.label);
    const li = h("li", {
      role: "treeitem",
      "aria-level": level,
      "aria-selected": "false",
      class: "dt-item",
      ...(hasChildren ? { "aria-expanded": open ? "true" : "false" } : {}),
      ...(item.field
        ? { "data-field": item.field, "data-value": item.value, title: `${item.field}${item.span ? ` (octets ${item.span[0]}-${item.span[1] - 1})` : ""}` }
        : {}),
    });
    const row = h("div", { class: "dt-row" }, h("span", { class: "dt-toggle" }, hasChildren ? (open ? "▾" : "▸") : ""), label);
    li.append(row);
    this.items.push(li);
    this.spans.set(li, span ?? spanOf(item));
    this.nodes.set(li, item);
    row.addEventListener("click", (e) => {
      if ((e.target as HTMLElement).classList.contains("dt-toggle")) this.toggle(li);
      this.choose(li);
    });
    row.addEventListener("dblclick", () => this.toggle(li));
    if (hasChildren) {
      const group = h("ul", { role: "group" });
      for (const child of item.children!) group.append(this.node(child, level + 1, undefined, false));
      li.append(group);
    }
    return li;
  }

  private toggle(li: HTMLElement, open?: boolean): void {
    const state = li.getAttribute("aria-expanded");
    if (state === null) return;
    const next = open ?? state !== "true";
    li.setAttribute("aria-expanded", next ? "true" : "false");
    (li.querySelector(":scope > .dt-row > .dt-toggle") as HTMLElement).textContent = next ? "▾" : "▸";
  }

  private choose(li: HTMLElement): void {
    this.current?.setAttribute("aria-selected", "false");
    this.current?.classList.remove("selected");
    this.current = li;
    li.setAttribute("aria-selected", "true");
    li.classList.add("selected");
    li.scrollIntoView({ block: "nearest" });
    this.element.setAttribute("aria-activedescendant", "");
    this.onHighlight(this.spans.get(li));
  }

  /** Chooses the innermost visible line whose octets hold `offset` (a click in the hex pane). */
  chooseByOffset(offset: number): void {
    let best: HTMLElement | undefined;
    let bestSize = Infinity;
    for (const li of this.visible()) {
      const s = this.spans.get(li);
      if (s && offset >= s[0] && offset < s[1] && s[1] - s[0] <= bestSize) {
        best = li;
        bestSize = s[1] - s[0];
      }
    }
    if (best) this.choose(best);
  }

  /** Opens every line whose field is `field` (and its ancestors) and chooses the first: for tests and links. */
  reveal(field: string): TreeItem | undefined {
    const li = this.items.find((item) => item.dataset.field === field);
    if (!li) return undefined;
    for (let p = li.parentElement?.closest("li"); p; p = p.parentElement?.closest("li")) this.toggle(p as HTMLElement, true);
    this.choose(li);
    return this.nodes.get(li);
  }

  private visible(): HTMLElement[] {
    return this.items.filter((li) => {
      for (let p = li.parentElement?.closest("li"); p; p = p.parentElement?.closest("li")) if (p.getAttribute("aria-expanded") !== "true") return false;
      return true;
    });
  }

  private key(e: KeyboardEvent): void {
    const visible = this.visible();
    const at = this.current ? visible.indexOf(this.current) : -1;
    const cur = this.current;
    switch (e.key) {
      case "ArrowDown":
        if (visible[at + 1]) this.choose(visible[at + 1]);
        break;
      case "ArrowUp":
        if (at > 0) this.choose(visible[at - 1]);
        break;
      case "ArrowRight":
        if (cur?.getAttribute("aria-expanded") === "false") this.toggle(cur, true);
        else if (cur?.getAttribute("aria-expanded") === "true" && visible[at + 1]) this.choose(visible[at + 1]);
        break;
      case "ArrowLeft":
        if (cur?.getAttribute("aria-expanded") === "true") this.toggle(cur, false);
        else {
          const parent = cur?.parentElement?.closest("li");
          if (parent) this.choose(parent as HTMLElement);
        }
        break;
      case "Home":
        if (visible[0]) this.choose(visible[0]);
        break;
      case "End":
        if (visible.length) this.choose(visible[visible.length - 1]);
        break;
      case "Enter":
      case " ":
        if (cur) this.toggle(cur);
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}
