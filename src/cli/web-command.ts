// `manycast web [--port 8080] [--host 127.0.0.1]`: serves the packet-visualisation page. The engine,
// the decoder and the simulator run in the browser (a Web Worker with the same Wasm and host code);
// this process only hands out the built files.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { serveWeb, webRoot } from "../io/web-server.js";
import { UsageError } from "./session.js";

function port(value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError(`'${value}' is not a port (0-65535; 0 picks a free one)`);
  return Number(value);
}

export function registerWebCommand(program: Command): void {
  program
    .command("web")
    .description("serve the packet-visualisation page (capture, engine, IOAM, SRv6 and M-Anycast views); everything runs in the browser")
    .option("--port <n>", "TCP port (0 picks a free one)", port, 8080)
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .action(async (opts: { port: number; host: string }) => {
      let root: string;
      try {
        root = webRoot();
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      const web = await serveWeb(root, opts.host, opts.port).catch((err: NodeJS.ErrnoException) => {
        throw new UsageError(err.code === "EADDRINUSE" ? `port ${opts.port} on ${opts.host} is in use (try --port 0)` : err.message);
      });
      process.stdout.write(`manycast web: serving ${root} at ${web.url} (Ctrl-C stops)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void web.close().then(resolve);
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
