import { validate, version } from "uuid";
import { describe, expect, it } from "vitest";
import { dryRunThreadIdFor, namedThreadId, resolveThreadRef, threadCandidates, threadIdFor } from "./thread-id.js";

const SYS_ID = "0f4e9b7c2a6d4c1e8b3a5f7d9e2c4b6a";

describe("threadIdFor", () => {
  it("is a version-5 UUID", () => {
    const id = threadIdFor(SYS_ID);
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(5);
    expect(id).toBe(id.toLowerCase());
  });

  it("is deterministic: the same sys_id always maps to the same thread", () => {
    expect(threadIdFor(SYS_ID)).toBe(threadIdFor([..."0f4e9b7c2a6d4c1e8b3a5f7d9e2c4b6a"].join("")));
  });

  it("is pinned (a change would orphan every existing thread)", () => {
    expect(threadIdFor(SYS_ID)).toBe("034cec3f-7e69-56f7-8eaa-68da6cfa0450");
    expect(threadIdFor("INC001")).toBe("4a26c161-a2b9-582e-8ac3-5afd7c2e465c");
  });

  it("differs per sys_id, including by case and whitespace", () => {
    const ids = new Set([SYS_ID, SYS_ID.toUpperCase(), ` ${SYS_ID}`, "INC001", "INC0010", ""].map(threadIdFor));
    expect(ids.size).toBe(6);
  });
});

describe("resolveThreadRef", () => {
  it("keeps a thread id (a UUID) as it is", () => {
    const id = threadIdFor(SYS_ID);
    expect(resolveThreadRef(id)).toBe(id);
    expect(resolveThreadRef("123e4567-e89b-42d3-a456-426614174000")).toBe("123e4567-e89b-42d3-a456-426614174000");
  });

  it("lower-cases an upper-case UUID", () => {
    const id = threadIdFor(SYS_ID);
    expect(resolveThreadRef(id.toUpperCase())).toBe(id);
  });

  it("maps anything else, a sys_id or an incident number, to its thread", () => {
    expect(resolveThreadRef(SYS_ID)).toBe(threadIdFor(SYS_ID));
    expect(resolveThreadRef("INC0031337")).toBe(threadIdFor("INC0031337"));
    // A UUID without its dashes is not a UUID: it is a sys_id.
    const undashed = threadIdFor(SYS_ID).replaceAll("-", "");
    expect(resolveThreadRef(undashed)).toBe(threadIdFor(undashed));
  });
});

describe("the other kinds of thread", () => {
  it("gives an incident's dry run, and a named thread, threads of their own", () => {
    const ids = new Set([threadIdFor(SYS_ID), dryRunThreadIdFor(SYS_ID), namedThreadId(SYS_ID)]);
    expect(ids.size).toBe(3);
    for (const id of ids) expect(validate(id)).toBe(true);
  });

  it("keeps a UUID a person names as it is", () => {
    expect(namedThreadId("034CEC3F-7E69-56F7-8EAA-68DA6CFA0450")).toBe("034cec3f-7e69-56f7-8eaa-68da6cfa0450");
  });

  it("lists what a reference may mean, the incident's own thread first", () => {
    expect(threadCandidates(SYS_ID).map((candidate) => candidate.thread_id)).toEqual([
      threadIdFor(SYS_ID),
      namedThreadId(SYS_ID),
      dryRunThreadIdFor(SYS_ID),
    ]);
    expect(threadCandidates(threadIdFor(SYS_ID))).toHaveLength(1);
  });
});

describe("a reference that is not well-formed text", () => {
  it("is one clear user error, not a URIError", () => {
    for (const call of [
      () => threadCandidates("\ud800abc"),
      () => namedThreadId("\ud800"),
      () => resolveThreadRef(""),
    ]) {
      expect(call).toThrow(/^thread: give a thread id, a sys_id or a thread name/);
    }
  });
});
