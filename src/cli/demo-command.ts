// `manycast demo`: the main job on the bundled example (what `npm start` runs): replays
// examples/sample.pcapng, a capture made by the Linux kernel in network namespaces, through the
// engine and prints the summary, the counters and a packet trace.
import type { Command } from "commander";
import { inCheckout } from "../io/checkout.js";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { runReplay, traceCount } from "./replay-command.js";

const DEFAULT_OUT = "out/sample-replayed.pcapng";

function checkoutPath(relative: string): string {
  const path = inCheckout(relative);
  if (!existsSync(path)) throw new Error(`${relative} is missing from the checkout`);
  return path;
}

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("replay the bundled example capture through the engine and print what happened")
    .option("--out <file>", `where to write what the engine transmits (default ${DEFAULT_OUT}; its directory is made if missing)`)
    .option("--trace <n>", "packets to trace", traceCount, 2)
    .action(async (opts) => {
      const input = checkoutPath("examples/sample.pcapng");
      const config = checkoutPath("examples/demo.conf");
      // Only the default's own directory is made: a path the user names must exist.
      if (opts.out === undefined) mkdirSync(dirname(DEFAULT_OUT), { recursive: true });
      opts.out ??= DEFAULT_OUT;
      process.stdout.write(`manycast demo: replaying ${join("examples", "sample.pcapng")} with ${join("examples", "demo.conf")}\n\n`);
      await runReplay({ input, output: opts.out, config, exec: [], show: ["show ioam trace"], trace: opts.trace });
    });
}
