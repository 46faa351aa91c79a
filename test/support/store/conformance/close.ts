/** close: a second close is harmless (the spec's own teardown closes the store a third time). */
import { describe, expect, it } from "vitest";
import { storePerTest } from "./harness.js";
import type { StoreInitializer } from "./types.js";

export function specClose(init: StoreInitializer): void {
  describe("close", () => {
    const current = storePerTest(init);

    it("closes idempotently", async () => {
      const store = current();
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}
