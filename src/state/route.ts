import { z } from "zod";

/**
 * Which way the run went after a branching node, and why: written by the node that knows (it
 * computes the deciding value once), read by the router, shown in Studio. The router only reads it.
 */
export const RouteSchema = z.object({
  /** The node that chose. A route from another node is stale: the router takes its fallback. */
  from: z.string(),
  /** The label on the diagram's arrow (src/graph/branches.ts). */
  label: z.string(),
  /** One line: the deciding value (errors, evidence against the threshold, the guardrails, approval). */
  why: z.string(),
});
export type Route = z.infer<typeof RouteSchema>;
