// Output files that cannot destroy anything: each is checked when it is named (not a directory,
// its directory exists, not one of the job's inputs by device and inode, not another output),
// created only when the job starts (after the whole config was accepted), written to
// NAME.partial in the same directory, and renamed over NAME when the job ends. A job that stops
// early (an error, a signal, a kill) leaves NAME untouched and what it wrote in NAME.partial.
// Special files (a FIFO, /dev/null, a terminal) are written in place: they cannot be renamed.
import { closeSync, fchmodSync, openSync, realpathSync, renameSync, statSync, writeSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";
import { FileProblem, fileProblem } from "./file-problems.js";
import { terminalSafe } from "../host/text/terminal-safe.js";

export const PARTIAL_SUFFIX = ".partial";

interface Identity {
  dev: number;
  ino: number;
}

function identity(stats: Stats): Identity {
  return { dev: stats.dev, ino: stats.ino };
}

function sameIdentity(a: Identity, b: Identity): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

export class OutputFile {
  private fd: number | undefined;
  private readonly flushHooks: (() => void)[] = [];
  /** Octets written so far. */
  bytesWritten = 0;
  private state: "planned" | "open" | "committed" | "abandoned" = "planned";

  constructor(
    /** The name as the user gave it (for messages). */
    readonly path: string,
    /** Where the file really goes: a symbolic link's target, so the link stays a link. */
    private readonly target: string,
    /** Written in place when the name is a special file (FIFO, device). */
    readonly inPlace: boolean,
    /** The mode of the file it replaces, kept. */
    private readonly mode: number | undefined,
    /** What the job calls it ("--out", "the export file"), for messages. */
    readonly role: string,
  ) {}

  /** Renamed or given up: nothing more goes into it. */
  get isFinished(): boolean {
    return this.state === "committed" || this.state === "abandoned";
  }

  /** Where the bytes go while the job runs. */
  get partialPath(): string {
    return this.inPlace ? this.target : this.target + PARTIAL_SUFFIX;
  }

  get isOpen(): boolean {
    return this.state === "open";
  }

  /** Opened and not renamed: its bytes are (or stay) in partialPath. */
  get isPartial(): boolean {
    return this.state === "open" || (this.state === "abandoned" && this.wasOpened);
  }

  private wasOpened = false;

  /** Runs before the file is closed (a buffered writer hands over what it holds). */
  onFlush(hook: () => void): void {
    this.flushHooks.push(hook);
  }

  open(): void {
    if (this.state !== "planned") return;
    try {
      this.fd = openSync(this.partialPath, "w");
      if (this.mode !== undefined && !this.inPlace) fchmodSync(this.fd, this.mode);
    } catch (error) {
      throw fileProblem(this.partialPath, error, "output");
    }
    this.state = "open";
    this.wasOpened = true;
  }

  write(chunk: Uint8Array | string): void {
    if (this.fd === undefined) throw new Error(`${terminalSafe(this.path)}: output is not open`);
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    } catch (error) {
      this.bytesWritten += written;
      throw this.writeProblem(error);
    }
    this.bytesWritten += written;
  }

  /** Closes the file and gives it its name. */
  commit(): void {
    if (this.state !== "open") return;
    try {
      this.close();
    } catch (error) {
      this.state = "abandoned";
      throw error;
    }
    if (!this.inPlace) {
      try {
        renameSync(this.partialPath, this.target);
      } catch (error) {
        this.state = "abandoned";
        throw fileProblem(this.path, error, "output");
      }
    }
    this.state = "committed";
  }

  /** Closes the file and leaves what was written in NAME.partial; returns that path. */
  abandon(): string {
    if (this.state === "open") {
      try {
        this.close();
      } catch {
        // The file stays as far as it got; the caller reports why it stopped.
      }
    }
    this.state = "abandoned";
    return this.partialPath;
  }

  private close(): void {
    if (this.fd === undefined) return;
    try {
      for (const hook of this.flushHooks) hook();
    } finally {
      const fd = this.fd;
      this.fd = undefined;
      closeSync(fd);
    }
  }

  private writeProblem(error: unknown): unknown {
    const problem = fileProblem(this.path, error, "output");
    if (!(problem instanceof FileProblem) || this.inPlace) return problem;
    return new FileProblem(this.path, `${problem.problem} (what was written is in ${terminalSafe(this.partialPath)})`);
  }
}

/**
 * The outputs of one job, checked against its inputs and each other when named, opened together
 * when the job starts, renamed together when it ends.
 */
export class OutputSet {
  private readonly inputs: { path: string; id: Identity }[] = [];
  private readonly outputs: OutputFile[] = [];
  private started = false;

  /** An input of the job (capture, config): no output may be it. Unreadable paths are skipped. */
  guardInput(path: string): void {
    const stats = statOrUndefined(path);
    if (stats?.isFile()) this.inputs.push({ path, id: identity(stats) });
  }

  /**
   * Checks that `path` can be written without harming anything and reserves it; nothing is
   * created until start() (or now, if the job has started). `role` names it in messages.
   */
  plan(path: string, role: string): OutputFile {
    if (path === "") throw new FileProblem(path, `${role} needs a file name`);
    const existing = statOrUndefined(path);
    if (existing?.isDirectory()) throw new FileProblem(path, `is a directory: give ${role} a file name`);
    const target = existing ? realpathSync(path) : resolve(path);
    const directory = statOrUndefined(dirname(target));
    if (!directory) throw new FileProblem(path, `directory ${terminalSafe(dirname(path))} does not exist: create it or choose another path`);
    if (!directory.isDirectory()) throw new FileProblem(path, `${terminalSafe(dirname(path))} is not a directory: check the path`);
    const inPlace = existing !== undefined && !existing.isFile();
    const file = new OutputFile(path, target, inPlace, existing?.isFile() ? existing.mode & 0o7777 : undefined, role);
    // The same output named again in the same role (a config that sets its export file twice)
    // is the same output.
    const again = this.outputs.find((o) => o.partialPath === file.partialPath && o.role === role && !o.isFinished);
    if (again) return again;
    this.refuseClashes(file, existing, role);
    this.outputs.push(file);
    if (this.started) file.open();
    return file;
  }

  /** Creates every planned output (as NAME.partial). */
  start(): void {
    this.started = true;
    try {
      for (const file of this.outputs) file.open();
    } catch (error) {
      this.abandon();
      throw error;
    }
  }

  /** Renames every output to its name; the first failure is thrown after the others were tried. */
  commit(): void {
    let failure: unknown;
    for (const file of this.outputs) {
      try {
        file.commit();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }

  /** Leaves every output's bytes in NAME.partial; returns those that exist. */
  abandon(): string[] {
    return this.outputs.filter((f) => f.isPartial && !f.inPlace).map((f) => f.abandon());
  }

  private refuseClashes(file: OutputFile, existing: Stats | undefined, role: string): void {
    const partial = statOrUndefined(file.partialPath);
    for (const input of this.inputs) {
      const hits = (existing && sameIdentity(identity(existing), input.id)) || (partial && sameIdentity(identity(partial), input.id));
      if (hits) {
        throw new FileProblem(
          file.path,
          `is the input ${terminalSafe(input.path)} (same device and inode): writing it would destroy what is being read; choose another ${role}`,
        );
      }
    }
    for (const other of this.outputs) {
      if (other.partialPath === file.partialPath && !file.inPlace) {
        throw new FileProblem(file.path, `is written twice in this job (as ${role} and as another output): give each output its own file`);
      }
    }
  }
}
