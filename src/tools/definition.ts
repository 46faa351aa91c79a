/**
 * What a data-lake tool is: everything about it in one value, written once in the tool's own file
 * (src/tools/<service>/<tool>.ts). The catalog (catalog.ts) lists the definitions; the names, the
 * LangChain tools, the MCP registration and its annotations, and the docs table derive from it.
 */
import type { z } from "zod";
import type { AwsClients } from "./aws-clients.js";

export interface DataLakeTool<
  Name extends string = string,
  Mutating extends boolean = boolean,
  Input extends z.ZodObject = z.ZodObject,
  Output extends z.ZodObject = z.ZodObject,
> {
  readonly name: Name;
  /** The short human-readable name MCP clients show in their tool pickers. */
  readonly title: string;
  /** What a model and MCP clients read to choose the tool: what it looks at, returns and changes. */
  readonly description: string;
  /**
   * Whether the tool changes the world. This is *our* knowledge, never taken from a tool's or a
   * server's own description of itself: a mutating tool is gated by the guardrails and the MCP guard.
   */
  readonly mutating: Mutating;
  readonly input: Input;
  readonly output: Output;
  /** Method syntax on purpose: a catalog of tools with different inputs is then one array type. */
  run(clients: AwsClients, input: z.infer<Input>): Promise<z.infer<Output>>;
}

/** Identity, so the name and `mutating` keep their literal types for the catalog's derived names. */
export function defineTool<
  const Name extends string,
  const Mutating extends boolean,
  Input extends z.ZodObject,
  Output extends z.ZodObject,
>(definition: DataLakeTool<Name, Mutating, Input, Output>): DataLakeTool<Name, Mutating, Input, Output> {
  return definition;
}
