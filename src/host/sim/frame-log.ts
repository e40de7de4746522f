// Every frame put on a simulated link, in order, for assertions, determinism checks and captures.
// Frames are logged when they are sent (the sender's time); the receiver gets them delayNs later.
import type { CaptureWriteRecord } from "../capture/capture-writer.js";
import { nanosecondsToTime } from "../dataplane/dataplane.js";

export interface LoggedFrame {
  timeNs: bigint;
  link: string;
  /** The sending end ("r1/eth0" or a host name) and the receiving end. */
  from: string;
  to: string;
  linkType: number;
  data: Uint8Array;
}

export type FrameListener = (frame: LoggedFrame) => void;

export class FrameLog {
  readonly frames: LoggedFrame[] = [];
  /** While paused (a flood of a million frames, say), nothing is recorded or passed on. */
  paused = false;
  private readonly listeners: FrameListener[] = [];

  /** `retain`: keep every frame in `frames` (tests, determinism checks); else only pass them on. */
  constructor(private readonly retain = true) {}

  /** Sees every frame as it is logged (a capture written as the run goes, a tally). */
  onFrame(listener: FrameListener): void {
    this.listeners.push(listener);
  }

  record(frame: LoggedFrame): void {
    if (this.paused) return;
    for (const listener of this.listeners) listener(frame);
    if (this.retain) this.frames.push(frame);
  }

  /** One record per frame for createCaptureWriter (pcapng: one interface per link direction). */
  captureRecords(): CaptureWriteRecord[] {
    return this.frames.map(captureRecord);
  }
}

/** A logged frame as a capture record (pcapng: one interface per link direction). */
export function captureRecord(f: LoggedFrame): CaptureWriteRecord {
  const t = nanosecondsToTime(f.timeNs);
  return { linkType: f.linkType, interfaceName: `${f.link}:${f.from}>${f.to}`, tsSec: t.sec, tsNsec: t.nsec, data: f.data };
}
