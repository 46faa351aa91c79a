import { describe, expect, it } from "vitest";
import { stateWith } from "../../test/support/state.js";
import { NODES } from "../state/node-names.js";
import { routeAfterClassify, routeAfterPolicy, routeAfterReview, routeFrom } from "./routing.js";

const route = (from: string, label: string) => ({ route: { from, label, why: "test" } });

describe("routers read the route the node before them wrote", () => {
  it("take the label the node chose", () => {
    expect(routeAfterClassify(stateWith(route(NODES.classifyIntent, "athena_failure")))).toBe("athena_failure");
    expect(routeAfterPolicy(stateWith(route(NODES.policyEngine, "auto_close")))).toBe("auto_close");
    expect(routeAfterReview(stateWith(route(NODES.humanReview, "approved")))).toBe("approved");
  });

  it("take the fallback for a route from another node, a missing route or an unknown label", () => {
    expect(routeAfterClassify(stateWith(route(NODES.investigate, "athena_failure")))).toBe("error");
    expect(routeAfterClassify(stateWith())).toBe("error");
    expect(routeAfterPolicy(stateWith(route(NODES.policyEngine, "delete_everything")))).toBe("human_review");
    expect(routeAfterReview(stateWith())).toBe("ignored");
  });

  it("is built from a node, its labels and a fallback", () => {
    const router = routeFrom(NODES.takeAction, ["success", "failure", "error"], "error");
    expect(router(stateWith(route(NODES.takeAction, "success")))).toBe("success");
    expect(router(stateWith(route(NODES.takeAction, "")))).toBe("error");
  });
});
