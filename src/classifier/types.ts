import type { ClassifierOutput } from "../state/classification.js";
import type { Incident } from "../state/incident.js";

/**
 * Anything that can classify an incident: the deterministic classifier (the offline default) and
 * model-backed ones share this interface, and their output is validated by the same schema.
 */
export interface IncidentClassifier {
  readonly name: string;
  classify(incident: Incident): Promise<ClassifierOutput>;
}
