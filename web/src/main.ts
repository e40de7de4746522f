// The page: five views over one worker (the engine, the decoder, the simulator), tabs with ARIA
// roles and arrow-key navigation, the status line, and the state a URL can carry:
// ?example=NAME[&filter=...][&view=...], ?simulate&delays=5,1,9&loads=50,50,50&policy=oneway.
import "./app.css";
import { h } from "./ui/dom.js";
import { App, readableUrl, type View } from "./app.js";
import { WorkerClient } from "./worker-client.js";
import { CaptureView } from "./views/capture-view.js";
import { EngineView } from "./views/engine-view.js";
import { IoamView } from "./views/ioam-view.js";
import { Srv6View } from "./views/srv6-view.js";
import { ManycastView, DEFAULT_SIM } from "./views/manycast-view.js";

const status = h("span", { id: "status", role: "status", "aria-live": "polite" });
const progress = h("span", { id: "progress", class: "progress" });
const app = new App(new WorkerClient(), status, progress);

const capture = new CaptureView(app);
const engine = new EngineView(app);
const ioam = new IoamView(app);
const srv6 = new Srv6View(app);
const manycast = new ManycastView(app);
const views: View[] = [capture, engine, ioam, srv6, manycast];

const tabs = views.map((v, i) =>
  h(
    "button",
    {
      role: "tab",
      id: `tab-${v.name}`,
      "aria-controls": `panel-${v.name}`,
      "aria-selected": i === 0 ? "true" : "false",
      tabindex: i === 0 ? 0 : -1,
      type: "button",
    },
    v.title,
  ),
);
const panels = views.map((v, i) => {
  v.element.id = `panel-${v.name}`;
  v.element.setAttribute("role", "tabpanel");
  v.element.setAttribute("aria-labelledby", `tab-${v.name}`);
  v.element.hidden = i !== 0;
  return v.element;
});

function show(name: string, focus = false): void {
  views.forEach((v, i) => {
    const on = v.name === name;
    tabs[i].setAttribute("aria-selected", on ? "true" : "false");
    tabs[i].tabIndex = on ? 0 : -1;
    panels[i].hidden = !on;
    if (on) {
      if (focus) tabs[i].focus();
      v.shown?.();
    }
  });
  const url = new URL(location.href);
  if (name === "capture") url.searchParams.delete("view");
  else if (!url.searchParams.has("simulate")) url.searchParams.set("view", name);
  history.replaceState(null, "", readableUrl(url));
}

tabs.forEach((tab, i) => {
  tab.addEventListener("click", () => show(views[i].name));
  tab.addEventListener("keydown", (e) => {
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (step) show(views[(i + step + views.length) % views.length].name, true);
    else if (e.key === "Home") show(views[0].name, true);
    else if (e.key === "End") show(views[views.length - 1].name, true);
    else return;
    e.preventDefault();
  });
});

document.body.append(
  h(
    "header",
    { class: "top" },
    h("h1", {}, "manycast"),
    h("span", { class: "tagline" }, "IPv6 packet engine in your browser: the same Wasm and host code as the CLI, nothing sent anywhere"),
    h("nav", { role: "tablist", "aria-label": "Views" }, ...tabs),
  ),
  h("main", {}, ...panels),
  h("footer", { class: "status-line" }, status, progress),
);

async function fromUrl(): Promise<void> {
  const params = new URL(location.href).searchParams;
  if (params.has("simulate")) {
    const list = (name: string, fallback: number[]) => (params.get(name) ? params.get(name)!.split(",").map(Number) : fallback);
    const delaysMs = list("delays", DEFAULT_SIM.delaysMs);
    show("manycast");
    await manycast.run({
      delaysMs,
      loads: list(
        "loads",
        delaysMs.map(() => 50),
      ),
      policy: params.get("policy") ?? DEFAULT_SIM.policy,
      clients: Number(params.get("clients") ?? DEFAULT_SIM.clients),
      connections: Number(params.get("connections") ?? DEFAULT_SIM.connections),
    });
    return;
  }
  const example = params.get("example");
  const filter = params.get("filter");
  const view = params.get("view");
  if (example) {
    await capture.openExample(example);
    if (filter) await capture.applyFilter(filter);
    app.setUrl({ example, filter: filter ?? undefined, view: view ?? undefined });
  }
  if (view && views.some((v) => v.name === view)) show(view);
  const config = params.get("config");
  if (config) engine.loadPreset(config);
}

app.updateStatus();
void fromUrl().catch((err) => (status.textContent = `${(err as Error).message}`));

// For tests and embedding pages: the views, reachable from the console.
(window as unknown as { manycast: unknown }).manycast = { app, capture, engine, ioam, srv6, manycast, show };
