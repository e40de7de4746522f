// `manycast run -c STARTUP.conf [--cli-listen PATH] [--workers N]`: the engine on live Linux
// interfaces, as VPP runs with af_packet host interfaces. The config is applied whole first (a bad
// line is FILE:LINE:COLUMN and nothing starts); then the engines forward in real time until SIGINT
// or SIGTERM, when they stop receiving, send what they still hold, close their sockets, remove the
// CLI socket and exit 0 (on a terminal after printing `show errors`). `manycast ctl` talks to the
// CLI socket.
import type { Command } from "commander";
import { readFileSync } from "node:fs";
import { loadAfPacket } from "../io/afpacket.js";
import { flushAllSinks } from "../io/line-sink.js";
import { describeProblems, LocalCluster, WorkerCluster, type Cluster } from "./run/cluster.js";
import { claimSocketPath, ControlServer, DEFAULT_CLI_SOCKET, SocketInUseError } from "./run/control-server.js";
import { positiveInteger } from "./options.js";
import { UsageError } from "./session.js";

export interface RunJob {
  config: string;
  cliListen: string;
  workers?: number;
  debugEngine?: boolean;
}

const MAX_WORKERS = 64;
// A stop that hangs (a wedged worker) still ends the process: the bound is 2 s.
const STOP_DEADLINE_MS = 1800;

export function registerRunCommand(program: Command): void {
  program
    .command("run")
    .description("forward in real time between Linux interfaces (VPP host-interfaces) with a VPP config, until SIGINT or SIGTERM")
    .requiredOption("-c, --config <file>", "VPP CLI startup config (create host-interface name IF ..., set interface state host-IF up, ...)")
    .option("--cli-listen <path>", "the CLI socket manycast ctl talks to", DEFAULT_CLI_SOCKET)
    .option("--workers <n>", "engines in worker threads, each with its own socket per interface in a PACKET_FANOUT_HASH group", positiveInteger)
    .option("--debug-engine", "use the debug build of the engine (bounds-checked)")
    .action(async (opts) => {
      await runLive({ config: opts.config, cliListen: opts.cliListen, workers: opts.workers, debugEngine: opts.debugEngine });
    });
}

function log(line: string): void {
  process.stderr.write(`manycast run: ${line}\n`);
}

export async function runLive(job: RunJob): Promise<void> {
  let text: string;
  try {
    text = readFileSync(job.config, "utf8");
  } catch (err) {
    throw new UsageError(`${job.config}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  if (job.workers !== undefined && job.workers > MAX_WORKERS) throw new UsageError(`--workers ${job.workers}: at most ${MAX_WORKERS}`);
  const loaded = loadAfPacket();
  if (!loaded.addon) throw new Error(`cannot open live interfaces: ${loaded.why}`);
  try {
    await claimSocketPath(job.cliListen);
  } catch (err) {
    if (err instanceof SocketInUseError) throw new UsageError(err.message);
    throw new Error(`${job.cliListen}: ${(err as Error).message}`);
  }
  const build = job.debugEngine ? "debug" : "release";
  const cluster: Cluster = job.workers ? await WorkerCluster.create(job.workers, build, log) : await LocalCluster.create(loaded.addon, build, log);
  const { output, problems } = await cluster.configure(text, job.config);
  if (problems.length > 0) {
    await cluster.stop();
    await cluster.close();
    process.stderr.write(`${describeProblems(problems)}\n`);
    throw new UsageError(`${problems.length} bad config line(s); nothing was started`);
  }
  for (const line of output) process.stdout.write(`${line}\n`);
  const server = await ControlServer.listen(job.cliListen, (line) => cluster.execute(line));
  await cluster.start();
  const engines = job.workers ? `${job.workers} worker${job.workers > 1 ? "s" : ""}` : "1 engine";
  log(`forwarding (${engines}); CLI on ${job.cliListen} (manycast ctl -s ${job.cliListen}); pid ${process.pid}`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        log(`${signal} again: exiting at once`);
        process.exit(1);
      }
      stopping = true;
      const deadline = setTimeout(() => {
        log(`stopping took longer than ${STOP_DEADLINE_MS} ms: exiting`);
        process.exit(1);
      }, STOP_DEADLINE_MS);
      deadline.unref();
      void shutdown(cluster, server).then(() => {
        clearTimeout(deadline);
        resolve();
      });
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  // Nothing should keep the loop alive now; if something does, it must not keep the process.
  setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
}

async function shutdown(cluster: Cluster, server: ControlServer): Promise<void> {
  await server.close();
  await cluster.stop();
  flushAllSinks();
  if (process.stdout.isTTY) {
    const summary = await cluster.execute("show errors");
    process.stdout.write(`\nvpp# show errors\n${summary.output ?? ""}\n`);
  }
  await cluster.close();
  log("stopped");
}
