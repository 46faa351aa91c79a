/** A batch of incidents, the CLI SIGKILLed at random moments, on the sqlite run store: none lost, none duplicated (test/support/soak.ts). */
import { describeSoak } from "./support/soak.js";

await describeSoak("sqlite", 20261201);
