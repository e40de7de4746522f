// `manycast ctl [-s PATH] [COMMAND ...]`, like vppctl: with a command, runs it on the running engine
// and exits (status 1 when the CLI refused the line); without one, an interactive prompt with line
// editing and history (kept in ~/.manycast_history).
import type { Command } from "commander";
import { appendFileSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { DEFAULT_CLI_SOCKET, type ControlAnswer } from "./run/control-server.js";
import { CtlConnection } from "./run/ctl-connection.js";

const HISTORY_FILE = ".manycast_history";
const HISTORY_SIZE = 500;
const PROMPT = "manycast# ";

export function registerCtlCommand(program: Command): void {
  program
    .command("ctl")
    .description("run CLI commands on a running `manycast run` (interactive when no command is given)")
    .option("-s, --socket <path>", "the CLI socket of the run", DEFAULT_CLI_SOCKET)
    .argument("[command...]", "one CLI line, e.g. show errors")
    .allowUnknownOption()
    .action(async (words: string[], opts: { socket: string }) => {
      const connection = await CtlConnection.open(opts.socket);
      try {
        if (words.length > 0) process.exitCode = (await oneShot(connection, words.join(" "))) ? 0 : 1;
        else await interactive(connection);
      } finally {
        connection.close();
      }
    });
}

/** Prints the answer; returns whether the line was accepted. */
function show(line: string, answer: ControlAnswer): boolean {
  if (answer.ok) {
    if (answer.output) process.stdout.write(`${answer.output}\n`);
    return true;
  }
  if (answer.column > 0)
    process.stderr.write(
      `${answer.column}: ${answer.error}\n    ${line.trim()}\n    ${" ".repeat(Math.max(0, answer.column - 1 - (line.length - line.trimStart().length)))}^\n`,
    );
  else process.stderr.write(`manycast ctl: ${answer.error}\n`);
  return false;
}

async function oneShot(connection: CtlConnection, line: string): Promise<boolean> {
  return show(line, await connection.ask(line));
}

function historyPath(): string {
  return join(homedir(), HISTORY_FILE);
}

function loadHistory(): string[] {
  try {
    return readFileSync(historyPath(), "utf8").split("\n").filter(Boolean).slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

async function interactive(connection: CtlConnection): Promise<void> {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: PROMPT,
    history: loadHistory(),
    historySize: HISTORY_SIZE,
    terminal: process.stdin.isTTY,
  });
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === "quit" || line === "exit") break;
    if (line) {
      try {
        appendFileSync(historyPath(), `${line}\n`);
      } catch {
        /* history is a convenience */
      }
      show(line, await connection.ask(line));
      if (connection.closed) break;
    }
    rl.prompt();
  }
  rl.close();
}
