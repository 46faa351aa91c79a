import { describe, expect, it } from "vitest";
import { safeName } from "./names.js";

describe("safeName", () => {
  it("keeps a safe name as it is", () => {
    expect(safeName("INC0012345")).toBe("INC0012345");
    expect(safeName("3b241101-e2bb-4255-8caf-4136c566a962")).toBe("3b241101-e2bb-4255-8caf-4136c566a962");
  });

  it("replaces separators, dot names and a leading dot, and tells changed names apart by a hash", () => {
    for (const name of ["../../etc", "..", ".", ".hidden", "a/b", "a\\b", "", "INC 1", "INC:1"]) {
      expect(safeName(name)).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]*-[0-9a-f]{8}$/);
    }
    expect(safeName("INC/1")).not.toBe(safeName("INC:1"));
    expect(safeName("../../etc")).toMatch(/^___\.\._etc-[0-9a-f]{8}$/);
  });

  it("caps a long name at 100 characters", () => {
    expect(safeName("x".repeat(500))).toHaveLength(100);
    expect(safeName("x".repeat(500))).not.toBe(safeName(`${"x".repeat(499)}y`));
  });
});
