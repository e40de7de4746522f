// The `manycast` command line: one subcommand per job, each registered from its own module.
import { Command, CommanderError } from "commander";
import { registerDecodeCommand } from "./decode-command.js";
import { registerReplayCommand } from "./replay-command.js";
import { registerDemoCommand } from "./demo-command.js";
import { registerPotProfileCommand } from "./pot-profile-command.js";
import { registerSimulateCommand } from "./simulate-command.js";
import { registerRunCommand } from "./run-command.js";
import { registerCtlCommand } from "./ctl-command.js";
import { UsageError } from "./session.js";

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
    .showHelpAfterError();
  registerDecodeCommand(program);
  registerReplayCommand(program);
  registerDemoCommand(program);
  registerPotProfileCommand(program);
  registerSimulateCommand(program);
  registerRunCommand(program);
  registerCtlCommand(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    const command = program.args[0] ? ` ${program.args[0]}` : "";
    console.error(`manycast${command}: ${(err as Error).message}`);
    return err instanceof UsageError ? err.exitCode : 1;
  }
}
