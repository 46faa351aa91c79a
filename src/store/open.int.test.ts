import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserInputError } from "../errors.js";
import { openRunStore, resolveDataDir } from "./open.js";

describe("resolveDataDir", () => {
  it("prefers INCIDENT_ORCHESTRATOR_HOME, then XDG_DATA_HOME, then ~/.local/share", () => {
    const home = "/home/ops";
    expect(resolveDataDir({ INCIDENT_ORCHESTRATOR_HOME: "/srv/io", XDG_DATA_HOME: "/xdg" }, home)).toBe("/srv/io");
    expect(resolveDataDir({ XDG_DATA_HOME: "/xdg" }, home)).toBe("/xdg/incident-orchestrator");
    expect(resolveDataDir({}, home)).toBe("/home/ops/.local/share/incident-orchestrator");
  });

  it("treats empty variables as unset", () => {
    expect(resolveDataDir({ INCIDENT_ORCHESTRATOR_HOME: "", XDG_DATA_HOME: "" }, "/h")).toBe(
      "/h/.local/share/incident-orchestrator",
    );
  });
});

describe("openRunStore", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "io-store-open-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("opens SQLite at <dataDir>/runs.sqlite without a DATABASE_URL", async () => {
    const dataDir = join(dir, "data");
    for (const databaseUrl of [undefined, ""]) {
      const store = await openRunStore({ databaseUrl, dataDir });
      try {
        expect(store.kind).toBe("sqlite");
        expect(store.location).toBe(join(dataDir, "runs.sqlite"));
        expect((await stat(store.location)).isFile()).toBe(true);
      } finally {
        await store.close();
      }
    }
  });

  it("rejects a DATABASE_URL that is not a Postgres URL, naming the variable and not the URL", async () => {
    const attempt = openRunStore({ databaseUrl: "mysql://root:hunter2@db/runs", dataDir: dir });
    await expect(attempt).rejects.toBeInstanceOf(UserInputError);
    await expect(attempt).rejects.toThrow(/DATABASE_URL/);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it("reports an unreachable Postgres as one line naming it, without the password", async () => {
    const attempt = openRunStore({ databaseUrl: "postgresql://app:hunter2@127.0.0.1:1/runs", dataDir: dir });
    const error: unknown = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserInputError);
    const message = error instanceof Error ? error.message : "";
    expect(message).toContain("postgresql://app@127.0.0.1:1/runs");
    expect(message).toMatch(/ECONNREFUSED/);
    expect(message).not.toContain("hunter2");
    expect(message).not.toContain("\n");
  });

  it("reports a SQLite file that cannot be created as one line naming it", async () => {
    const blocker = join(dir, "not-a-directory");
    await writeFile(blocker, "");
    const error: unknown = await openRunStore({ dataDir: blocker }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserInputError);
    const message = error instanceof Error ? error.message : "";
    expect(message).toContain(join(blocker, "runs.sqlite"));
    expect(message).not.toContain("\n");
  });
});
