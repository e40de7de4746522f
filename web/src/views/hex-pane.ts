// The bytes of the chosen frame, 16 a line: offset, hex, ASCII, with the chosen field's octets
// highlighted; clicking an octet chooses the innermost tree line that holds it.
import { h, clear } from "../ui/dom.js";
import type { Span } from "./detail-tree.js";

export class HexPane {
  readonly element: HTMLElement;
  private cells: HTMLElement[] = [];
  private chars: HTMLElement[] = [];
  onPick: (offset: number) => void = () => {};

  constructor() {
    this.element = h("div", { class: "hex-pane", role: "region", "aria-label": "Packet bytes", tabindex: 0 });
  }

  show(bytes: Uint8Array): void {
    clear(this.element);
    this.cells = [];
    this.chars = [];
    for (let line = 0; line < bytes.length; line += 16) {
      const hex = h("span", { class: "hx-hex" });
      const ascii = h("span", { class: "hx-ascii" });
      for (let i = line; i < Math.min(bytes.length, line + 16); i++) {
        const b = bytes[i];
        const cell = h("span", { class: "hx-byte", "data-offset": i }, b.toString(16).padStart(2, "0"));
        const ch = h("span", { class: "hx-char", "data-offset": i }, b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".");
        cell.addEventListener("click", () => this.onPick(i));
        ch.addEventListener("click", () => this.onPick(i));
        if (i % 16 === 8) hex.append(" ");
        hex.append(cell, " ");
        ascii.append(ch);
        this.cells.push(cell);
        this.chars.push(ch);
      }
      this.element.append(h("div", { class: "hx-line" }, h("span", { class: "hx-offset" }, line.toString(16).padStart(4, "0")), hex, ascii));
    }
  }

  highlight(span: Span | undefined): void {
    for (const el of this.element.querySelectorAll(".hl")) el.classList.remove("hl");
    if (!span) return;
    for (let i = span[0]; i < Math.min(span[1], this.cells.length); i++) {
      this.cells[i].classList.add("hl");
      this.chars[i].classList.add("hl");
    }
    this.cells[span[0]]?.scrollIntoView({ block: "nearest" });
  }
}
