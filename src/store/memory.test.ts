import { describeRunStoreConformance } from "../../test/support/store/conformance.js";
import { memoryRunStore } from "./memory.js";

describeRunStoreConformance("memory", async () => memoryRunStore());
