// Serves the built page (dist/web, made by `npm install`) over HTTP: static files only, nothing
// computed on the server (the engine runs in the visitor's browser). GET and HEAD, paths confined
// to the page's folder, the right MIME type for .wasm so browsers can stream-compile it.
import { createServer, type Server } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { inCheckout } from "./checkout.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".pcap": "application/vnd.tcpdump.pcap",
  ".pcapng": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
};

/** dist/web in the checkout. */
export function webRoot(): string {
  const path = inCheckout("dist/web/");
  if (existsSync(join(path, "index.html")) && existsSync(join(path, "assets"))) return path;
  throw new Error("the page is not built (dist/web/index.html is missing): run `npm install` or `npm run webbuild`");
}

export interface WebServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export function serveWeb(root: string, host: string, port: number): Promise<WebServer> {
  const base = normalize(root + sep);
  const server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    } catch {
      res.writeHead(400).end("bad path\n");
      return;
    }
    const file = normalize(join(base, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`not found: ${path}\n`);
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Length": body.length,
      // Assets carry a content hash in their names; the page itself is checked every time.
      "Cache-Control": file.includes(`${sep}assets${sep}`) ? "public, max-age=31536000, immutable" : "no-cache",
      "X-Content-Type-Options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      const shown = host.includes(":") ? `[${host}]` : host;
      resolve({ server, url: `http://${shown}:${actual}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** For tests: the page's index as served. */
export function readIndex(root: string): string {
  return readFileSync(join(root, "index.html"), "utf8");
}
