import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/host/simulator/index.js";

describe("VirtualClock", () => {
  it("runs events by time, then in the order they were scheduled", () => {
    const clock = new VirtualClock(0n);
    const ran: string[] = [];
    const at = (t: bigint, name: string) => clock.schedule(t, () => ran.push(`${name}@${clock.nowNs}`));
    at(20n, "c");
    at(10n, "a");
    at(20n, "d");
    at(10n, "b");
    at(5n, "first");
    clock.run(100n);
    expect(ran).toEqual(["first@5", "a@10", "b@10", "c@20", "d@20"]);
    expect(clock.nowNs).toBe(100n);
  });

  it("runs events scheduled by events, at the same instant after those already due", () => {
    const clock = new VirtualClock(0n);
    const ran: string[] = [];
    clock.schedule(1n, () => {
      ran.push("x");
      clock.schedule(1n, () => ran.push("x-child"));
      clock.schedule(0n, () => ran.push("past-means-now"));
    });
    clock.schedule(1n, () => ran.push("y"));
    clock.run(1n);
    expect(ran).toEqual(["x", "y", "x-child", "past-means-now"]);
  });

  it("skips cancelled events and stops at the limit", () => {
    const clock = new VirtualClock(1_000n);
    const ran: bigint[] = [];
    const doomed = clock.after(5n, () => ran.push(clock.nowNs));
    clock.after(10n, () => ran.push(clock.nowNs));
    clock.after(50n, () => ran.push(clock.nowNs));
    doomed.cancel();
    expect(clock.nextEventNs()).toBe(1_010n);
    expect(clock.runUntilIdle(1_020n)).toBe(false);
    expect(ran).toEqual([1_010n]);
    expect(clock.nowNs).toBe(1_010n);
    expect(clock.runUntilIdle(10_000n)).toBe(true);
    expect(ran).toEqual([1_010n, 1_050n]);
    expect(clock.eventsRun).toBe(2);
  });

  it("keeps nanosecond precision at epoch-sized times", () => {
    const start = 1_700_000_000_000_000_000n;
    const clock = new VirtualClock(start);
    let seen = 0n;
    clock.after(1n, () => (seen = clock.nowNs));
    clock.run(start + 10n);
    expect(seen).toBe(start + 1n);
  });
});
