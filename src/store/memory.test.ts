import { runStoreConformance } from "../../test/support/store/conformance/index.js";
import { memoryInitializer } from "../../test/support/store/initializers/memory.js";

runStoreConformance(memoryInitializer);
