/** A graph small enough to show that state written through a store's checkpointer comes back. */
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import type { RunStore } from "../../../../src/store/types.js";

const CounterState = Annotation.Root({
  count: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
  visits: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

export function compileCounterGraph(store: RunStore) {
  return new StateGraph(CounterState)
    .addNode("bump", () => ({ count: 1, visits: ["bump"] }))
    .addEdge(START, "bump")
    .addEdge("bump", END)
    .compile({ checkpointer: store.checkpointer });
}
