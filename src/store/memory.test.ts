import { describeRunStoreConformance } from "./conformance.js";
import { memoryRunStore } from "./memory.js";

describeRunStoreConformance("memory", async () => memoryRunStore());
