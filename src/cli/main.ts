// The `manycast` command line: one subcommand per job, each registered from its own module.
import { Command, CommanderError } from "commander";
import { registerDecodeCommand } from "./decode-command.js";
import { registerReplayCommand } from "./replay-command.js";
import { registerDemoCommand } from "./demo-command.js";
import { registerPotProfileCommand } from "./pot-profile-command.js";
import { registerSimulateCommand } from "./simulate-command.js";
import { registerWebCommand } from "./web-command.js";
import { registerRunCommand } from "./run-command.js";
import { registerCtlCommand } from "./ctl-command.js";
import { registerLabCommand } from "./lab/lab-command.js";
import { UsageError } from "./session.js";
import { safeMessage } from "../host/text/terminal-safe.js";

/** A reader that went away (`manycast simulate | head`) ends the job quietly, as for any Unix tool. */
function endQuietlyOnClosedPipe(): void {
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}

export async function run(argv: string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  const program = new Command();
  program
    .name("manycast")
    .description("WebAssembly-accelerated IPv6 packet engine: IOAM, SRv6 and M-Anycast service selection")
    .exitOverride()
    .showHelpAfterError()
    // Commander echoes rejected arguments: escaped and shortened, like every other message.
    .configureOutput({
      outputError: (text, write) =>
        write(
          text
            .split("\n")
            .map((line) => safeMessage(line, 200))
            .join("\n"),
        ),
    });
  registerDecodeCommand(program);
  registerReplayCommand(program);
  registerDemoCommand(program);
  registerPotProfileCommand(program);
  registerSimulateCommand(program);
  registerWebCommand(program);
  registerRunCommand(program);
  registerCtlCommand(program);
  registerLabCommand(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    // A rejected option is a usage error like a rejected config line: exit 2, nothing run
    // (commander says 1; --help and --version say 0).
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const command = program.args[0] ? ` ${program.args[0]}` : "";
    console.error(`manycast${command}: ${safeMessage((err as Error).message, 200)}`);
    return err instanceof UsageError ? err.exitCode : 1;
  }
}
