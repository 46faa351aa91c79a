import { describe, expect, it } from "vitest";
import { foldLookalikes } from "./lookalikes.js";
import { resolveSubject } from "./resolve.js";

describe("foldLookalikes", () => {
  it("reads Cyrillic and Greek lookalikes as the ASCII letters they imitate", () => {
    expect(foldLookalikes("\u0441ustomer_360_features")).toBe("customer_360_features");
    expect(foldLookalikes("\u0440\u0430yroll_\u0435xport")).toBe("payroll_export");
  });

  it("leaves ASCII alone, though the confusables table reads m as rn and 0 as O", () => {
    expect(foldLookalikes("m0l1_jobs")).toBe("m0l1_jobs");
  });

  it("keeps a subject named with a lookalike the same resource as its plain spelling", () => {
    const subject = resolveSubject({
      sys_id: "1",
      short_description: "Glue job \u0441ustomer_360_features failed",
      cmdb_ci: "Glue Job - customer_360_features",
    });
    expect(subject.named).toEqual([{ type: "glue_job", id: "customer_360_features", source: "short_description" }]);
  });
});
