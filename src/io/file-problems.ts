// What went wrong with a file, said the way a user can act on it: the file's name (escaped for a
// terminal), what is wrong in words instead of errno text, and what to do about it.
import { dirname } from "node:path";
import { terminalSafe } from "../host/text/terminal-safe.js";

/** A file could not be used; the message names it and says what to do. */
export class FileProblem extends Error {
  override readonly name = "FileProblem";

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${terminalSafe(path)}: ${problem}`);
  }
}

export type FileRole = "input" | "output";

/** Turns a Node file-system error about `path` into a FileProblem; other errors pass through. */
export function fileProblem(path: string, error: unknown, role: FileRole, what = role === "input" ? "a capture file" : "a file name"): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string") return error;
  return new FileProblem(path, describeCode(code, path, role, what) ?? `${code}: ${plainMessage(error as Error)}`);
}

function describeCode(code: string, path: string, role: FileRole, what: string): string | undefined {
  switch (code) {
    case "ENOENT":
      return role === "input" ? "no such file" : `directory ${terminalSafe(dirname(path))} does not exist: create it or choose another path`;
    case "EISDIR":
      return role === "input" ? `is a directory, not ${what}` : `is a directory: give ${what}`;
    case "ENOTDIR":
      return "a part of the path is not a directory: check the path";
    case "EACCES":
    case "EPERM":
      return role === "input"
        ? "permission denied: check the file's permissions"
        : "permission denied: check the permissions of the file and its directory, or choose another path";
    case "EROFS":
      return "read-only file system: write somewhere else";
    case "ENOSPC":
      return "no space left on the device: free some space or write somewhere else";
    case "EDQUOT":
      return "disk quota exceeded: free some space or write somewhere else";
    case "EFBIG":
      return "file too large for its file system: write somewhere else";
    case "EIO":
      return "input/output error (the device failed): check the device and run again";
    case "ENAMETOOLONG":
      return "file name too long: choose a shorter path";
    case "ELOOP":
      return "too many symbolic links: check the path";
    case "EMFILE":
    case "ENFILE":
      return "too many open files: close some and run again";
    case "ENXIO":
      return "no reader or device behind this file: start its reader first";
    default:
      return undefined;
  }
}

/** Node's "ENOSPC: no space left on device, write" without the code and the call. */
function plainMessage(error: Error): string {
  return error.message.replace(/^[A-Z0-9_]+: /, "").replace(/, \w+( '.*')?$/, "");
}
