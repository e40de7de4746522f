// Small DOM helpers: elements with attributes and children in one call, and downloads.
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value as EventListener);
    else if (name === "class") el.className = String(value);
    else if (name in el && typeof (el as unknown as Record<string, unknown>)[name] !== "object" && !name.startsWith("aria-") && !name.startsWith("data-")) {
      (el as unknown as Record<string, unknown>)[name] = value;
    } else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) el.append(child);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

export function svg(tag: string, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  for (const child of children) el.append(child);
  return el;
}

/** `<defs>` with an arrowhead marker `id` in `fill`, for lines drawn with marker-end: url(#id). */
export function arrowMarker(id: string, fill: string): SVGElement {
  return svg(
    "defs",
    {},
    svg(
      "marker",
      { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto" },
      svg("path", { d: "M0,0 L10,5 L0,10 z", fill }),
    ),
  );
}

/**
 * A view's element: a section with its toolbar (role toolbar, labelled like the view unless
 * `toolbarLabel` says otherwise) above its content.
 */
export function viewSection(
  view: { className: string; label: string; toolbarLabel?: string },
  tools: readonly (Node | string)[],
  ...content: (Node | string)[]
): HTMLElement {
  const toolbar = h("div", { class: "toolbar", role: "toolbar", "aria-label": view.toolbarLabel ?? view.label }, ...tools);
  return h("section", { class: `view ${view.className}`, "aria-label": view.label }, toolbar, ...content);
}

export function download(bytes: Uint8Array, name: string, type = "application/vnd.tcpdump.pcap"): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}
