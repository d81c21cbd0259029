import { describe, expect, it } from "vitest";
import { WriteSlot } from "./write-slot.js";

describe("write slot: the write transactions to make durable", () => {
  it("numbers each write transaction its holder ends, once per owner", () => {
    const slot = new WriteSlot();
    expect(slot.acquire(1, 0)).toBeUndefined();
    slot.release(1);
    expect(slot.takeEnded(1)).toBe(1);
    // Taken: the owner's next run has nothing to wait for.
    expect(slot.takeEnded(1)).toBeUndefined();
    expect(slot.endedCount).toBe(1);
  });

  it("does not count a release by a session that did not hold the slot", () => {
    const slot = new WriteSlot();
    slot.acquire(1, 0);
    slot.release(2);
    expect(slot.takeEnded(2)).toBeUndefined();
    expect(slot.endedCount).toBe(0);
    expect(slot.heldBy(1)).toBe(true);
  });

  it("keeps the last number of each owner while others write", async () => {
    const slot = new WriteSlot();
    slot.acquire(1, 0);
    const second = slot.acquire(2, 0);
    slot.release(1);
    await second;
    slot.release(2);
    slot.acquire(1, 0);
    slot.release(1);
    expect(slot.takeEnded(2)).toBe(2);
    expect(slot.takeEnded(1)).toBe(3);
  });
});
