// Virtual time for the simulator: integer nanoseconds as bigint (engine times are seconds since
// the epoch, ~1.7e18 ns, beyond the 2^53 a number holds exactly), and the events due at them.
// Nothing here reads a real clock; time moves only when run() or runUntilIdle() reach an event.
import { EventQueue, type QueuedEvent } from "./event-queue.js";

export const NS_PER_MICROSECOND = 1_000n;
export const NS_PER_MILLISECOND = 1_000_000n;
export const NS_PER_SECOND = 1_000_000_000n;

/** Engine-friendly default start: 2023-11-14, so captures show plausible dates and no engine sees time 0. */
export const DEFAULT_START_NS = 1_700_000_000n * NS_PER_SECOND;

/** What schedule() returns, to cancel the event before it runs. */
export interface ScheduledEvent {
  readonly timeNs: bigint;
  readonly label: string;
  cancel(): void;
}

export class VirtualClock {
  private readonly queue = new EventQueue();
  private seq = 0;
  private current: bigint;
  /** Events run so far (cancelled ones not counted). */
  eventsRun = 0;

  constructor(startNs: bigint = DEFAULT_START_NS) {
    this.current = startNs;
  }

  get nowNs(): bigint {
    return this.current;
  }

  /** Runs `action` at `timeNs` (never earlier than now: a past time means "now, after what is already due"). */
  schedule(timeNs: bigint, action: () => void, label = "event"): ScheduledEvent {
    const event: QueuedEvent = { timeNs: timeNs < this.current ? this.current : timeNs, seq: this.seq++, label, action, cancelled: false };
    this.queue.push(event);
    return {
      timeNs: event.timeNs,
      label,
      cancel: () => {
        event.cancelled = true;
      },
    };
  }

  after(delayNs: bigint, action: () => void, label?: string): ScheduledEvent {
    return this.schedule(this.current + delayNs, action, label);
  }

  /** When the next live event is due; undefined when nothing is scheduled. */
  nextEventNs(): bigint | undefined {
    this.dropCancelled();
    return this.queue.peek()?.timeNs;
  }

  /** Runs every event due up to and including `untilNs`, then sets the clock to `untilNs`. */
  run(untilNs: bigint): void {
    this.runWhileDue(untilNs);
    if (untilNs > this.current) this.current = untilNs;
  }

  /**
   * Runs events until none are left or the next one is after `limitNs`; the clock stays at the
   * last event's time. Returns true when the queue ran dry (idle), false when the limit stopped it.
   */
  runUntilIdle(limitNs: bigint): boolean {
    this.runWhileDue(limitNs);
    return this.nextEventNs() === undefined;
  }

  private runWhileDue(limitNs: bigint): void {
    for (;;) {
      this.dropCancelled();
      const next = this.queue.peek();
      if (!next || next.timeNs > limitNs) return;
      this.queue.pop();
      this.current = next.timeNs;
      this.eventsRun++;
      next.action();
    }
  }

  private dropCancelled(): void {
    while (this.queue.peek()?.cancelled) this.queue.pop();
  }
}
