export type { IncidentClassifier } from "./types.js";
export { classifyIncident, deterministicClassifier } from "./deterministic.js";
// Reusable by a model-backed classifier: the same text, the same sanitising, the same entities.
export { extractEntities } from "./entities.js";
export { stripInstructionLikeText } from "./injection.js";
export { buildTicketText } from "./text.js";
export type { TicketText } from "./text.js";
