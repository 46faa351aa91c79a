/** A batch of incidents, the CLI SIGKILLed at random moments, on the postgres run store: none lost, none duplicated (test/support/soak.ts). */
import { describeSoak } from "./support/soak.js";

await describeSoak("postgres", 20261202);
