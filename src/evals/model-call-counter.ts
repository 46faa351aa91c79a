import { BaseCallbackHandler } from "@langchain/core/callbacks/base";

/** Counts model calls in a run (LLM and chat-model starts). The deterministic mode makes none. */
export class ModelCallCounter extends BaseCallbackHandler {
  readonly name = "model-call-counter";
  count = 0;

  override handleLLMStart(): void {
    this.count += 1;
  }

  override handleChatModelStart(): void {
    this.count += 1;
  }
}
