// The page (web/) is built by `npm install` into dist/web, which `manycast web` serves; `npm run web`
// serves it with live reload. It imports the engine from build/ and the host from src/, so the dev
// server may read the whole checkout.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const checkout = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  base: "./",
  publicDir: false,
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    sourcemap: true,
  },
  worker: { format: "es" },
  server: { fs: { allow: [checkout] }, port: 8080, host: "127.0.0.1" },
  preview: { port: 8080, host: "127.0.0.1" },
});
