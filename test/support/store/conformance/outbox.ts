/** The ticket outbox, one spec per operation; every store is isolated and on a clock the spec moves. */
import { specOutboxEnqueue } from "./outbox-enqueue.js";
import { specOutboxList } from "./outbox-list.js";
import { specOutboxMark } from "./outbox-mark.js";
import { specOutboxTake } from "./outbox-take.js";
import type { StoreInitializer } from "./types.js";

export function specOutbox(init: StoreInitializer): void {
  specOutboxEnqueue(init);
  specOutboxTake(init);
  specOutboxMark(init);
  specOutboxList(init);
}
