import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveName, scoreName, wordsOf } from "./name-match.js";

describe("wordsOf", () => {
  it("splits at separators, camelCase and letter-digit boundaries", () => {
    expect(wordsOf("SPENDING_POTS_ETL")).toEqual(["spending", "pots", "etl"]);
    expect(wordsOf("customer360Features-v2")).toEqual(["customer", "360", "features", "v", "2"]);
    expect(wordsOf('"the spending pots ETL" (Glue)')).toEqual(["the", "spending", "pots", "etl", "glue"]);
  });
});

describe("resolveName", () => {
  const jobs = [
    "SPENDING_POTS_ETL",
    "SPENDING_POTS_ETL_BACKFILL",
    "customer_360_features",
    "orders_daily_load",
    "dev_orders_daily_load",
  ];

  it.each([
    ["the spending pots ETL failed again last night", "SPENDING_POTS_ETL"],
    ['Glue job "Spending Pots" (Glue) failed', "SPENDING_POTS_ETL"],
    ["spending pots backfill etl timed out", "SPENDING_POTS_ETL_BACKFILL"],
    ["customer-360 features job (Glue) OOM", "customer_360_features"],
    ["prod orders daily load did not finish", "orders_daily_load"],
    ["orders daily load failed on prod", "orders_daily_load"],
  ])("%j → %s", (text, name) => {
    const resolution = resolveName(text, jobs);
    expect(resolution).toMatchObject({ outcome: "matched", name });
  });

  it("a word the ticket lacks makes another resource, not a fuzzier match", () => {
    expect(scoreName("SPENDING_POTS_ETL_BACKFILL", wordsOf("spending pots etl failed"))).toMatchObject({ full: false });
  });

  it("an environment qualifier that contradicts the name rules it out", () => {
    expect(resolveName("dev orders daily load failed", ["orders_prod_daily_load"])).toMatchObject({ outcome: "none" });
  });

  it("two equally specific matches are ambiguous, never a guess", () => {
    const resolution = resolveName("daily load failed for orders and for refunds", [
      "orders_daily_load",
      "refunds_daily_load",
    ]);
    expect(resolution).toMatchObject({ outcome: "ambiguous" });
  });

  it("says which candidates it rejected and why", () => {
    const resolution = resolveName("the spending pots ETL failed", jobs);
    expect(resolution.outcome === "matched" && resolution.rejected.map((score) => score.name)).toContain(
      "SPENDING_POTS_ETL_BACKFILL",
    );
  });

  it("a short one-word name is too generic to find in prose", () => {
    expect(resolveName("the sales numbers look wrong", ["sales"])).toMatchObject({ outcome: "none" });
  });
});

/**
 * An account of 200 jobs named the way data teams name them, and tickets that name one in prose
 * (words reordered within reason, separators changed, decoration added, a qualifier added): the
 * resolver finds the job, or says it cannot tell — never a wrong one.
 */
describe("resolution in an account of 200 jobs", () => {
  const domains = [
    "orders",
    "refunds",
    "customer",
    "spending",
    "pots",
    "loyalty",
    "points",
    "ledger",
    "fx",
    "rates",
    "card",
    "txn",
    "crm",
    "contacts",
    "inventory",
    "vendor",
    "pos",
    "sales",
    "marketing",
    "attribution",
  ];
  const verbs = [
    "load",
    "ingest",
    "enrich",
    "build",
    "export",
    "compaction",
    "refresh",
    "reconcile",
    "backfill",
    "features",
  ];
  const cadence = ["daily", "hourly", "weekly", ""];
  const nameArbitrary = fc
    .tuple(
      fc.constantFrom(...domains),
      fc.constantFrom(...domains),
      fc.constantFrom(...verbs),
      fc.constantFrom(...cadence),
    )
    .filter(([a, b]) => a !== b)
    .map(([a, b, verb, when]) => [a, b, when, verb].filter(Boolean).join("_"));

  it("finds the job a prose ticket names, or says it cannot tell", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(nameArbitrary, { minLength: 200, maxLength: 200 }),
        fc.nat(199),
        fc.constantFrom(
          "The {} job failed overnight",
          '"{}" (Glue) failed again',
          "{} ETL timed out on prod",
          "glue job {} failed",
        ),
        fc.constantFrom(" ", "-", "_", "  "),
        (account, index, template, separator) => {
          const job = account[index] as string;
          const prose = job.split("_").join(separator);
          const resolution = resolveName(template.replace("{}", prose), account);
          if (resolution.outcome === "matched") expect(resolution.name).toBe(job);
          else expect(resolution.outcome).toBe("ambiguous");
        },
      ),
      { seed: 20261204, numRuns: 300 },
    );
  });
});
