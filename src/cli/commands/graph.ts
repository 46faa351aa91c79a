import { drawGraphMermaid } from "../../compose/mermaid.js";

/** `graph`: the Mermaid picture the compiled graph draws of itself. */
export async function graphCommand(): Promise<void> {
  console.log(await drawGraphMermaid());
}
