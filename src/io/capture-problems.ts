// Messages about capture files, one per kind of fault, each naming the file once and saying what
// to do: it cannot be opened (errno in words), it is not a capture, or it breaks off part-way.
import { CaptureFormatError } from "../host/capture/capture-format-error.js";
import { terminalSafe } from "../host/text/terminal-safe.js";
import { fileProblem, FileProblem } from "./file-problems.js";

/** Why `path` could not be opened as a capture; undefined for errors that are no fault of the file. */
export function captureOpenProblem(path: string, error: unknown): string | undefined {
  if (error instanceof CaptureFormatError) {
    const hint = error.offset === 0 ? "give a pcap or pcapng capture" : "the capture is damaged there";
    return `${terminalSafe(path)}: ${error.source}: ${error.unit} at offset ${error.offset}: ${terminalSafe(error.problem)}: ${hint}`;
  }
  const problem = fileProblem(path, error, "input", "a pcap or pcapng capture");
  return problem instanceof FileProblem ? problem.message : undefined;
}

/** A capture that breaks off part-way: everything before `error.offset` was read. */
export function captureTailProblem(path: string, error: CaptureFormatError): string {
  return `${terminalSafe(path)}: ${error.source}: ${error.unit} at offset ${error.offset}: ${terminalSafe(error.problem)} (input ended there: the capture is damaged or cut short; what came before it was used)`;
}
