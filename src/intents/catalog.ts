/**
 * The intents, in taxonomy order: the one list. The taxonomy (src/state/intents.ts) is its names;
 * everything per intent reads the definitions. Adding an intent is its own module plus one line
 * here, and its labelled eval cases (evals/).
 */
import { accessDenied } from "./access-denied.js";
import { athenaFailure } from "./athena-failure.js";
import { batchAutoRecoveryFailed } from "./batch-auto-recovery-failed.js";
import { dagAlarm } from "./dag-alarm.js";
import { dagFailure } from "./dag-failure.js";
import { dataMissing } from "./data-missing.js";
import { dataNotAvailable } from "./data-not-available.js";
import { emrFailure } from "./emr-failure.js";
import { glueEtlFailure } from "./glue-etl-failure.js";
import { kafkaEventsFailed } from "./kafka-events-failed.js";
import { mwaaFailure } from "./mwaa-failure.js";
import { sourceZeroData } from "./source-zero-data.js";
import type { IntentDefinition, PlaybookChoices } from "./definition.js";
import { unknownIntent } from "./unknown.js";

export const INTENT_DEFINITIONS = [
  dagFailure,
  dagAlarm,
  mwaaFailure,
  glueEtlFailure,
  athenaFailure,
  emrFailure,
  kafkaEventsFailed,
  dataMissing,
  sourceZeroData,
  dataNotAvailable,
  batchAutoRecoveryFailed,
  accessDenied,
  unknownIntent,
] as const;

type Listed = (typeof INTENT_DEFINITIONS)[number];
type Name = Listed["name"];
type Names<T extends readonly { name: string }[]> = { -readonly [K in keyof T]: T[K]["name"] };

/** The names in taxonomy order, as a tuple type (so `z.enum` can take them). */
export const INTENT_NAMES = INTENT_DEFINITIONS.map((definition) => definition.name) as Names<typeof INTENT_DEFINITIONS>;

// A precedence rule may only name intents of the taxonomy: a typo does not compile.
type PrecedenceOthers = Listed extends infer D ? (D extends { precedence?: infer P } ? P : never) : never;
type OtherNames<P> = P extends { over: infer O }
  ? O extends readonly (infer N)[]
    ? N
    : O extends { allBut: readonly (infer N)[] }
      ? N
      : never
  : never;
type UnknownNames = Exclude<OtherNames<PrecedenceOthers>, Name>;
const precedenceNamesKnown: [UnknownNames] extends [never] ? true : UnknownNames = true;
void precedenceNamesKnown;

/** Each intent's definition, by name. */
export const INTENT_BY_NAME = Object.fromEntries(
  INTENT_DEFINITIONS.map((definition) => [definition.name, definition]),
) as { readonly [N in Name]: IntentDefinition<N> };

/** Whether the intent's playbook makes `choice` (src/investigation reads these). */
export function playbookChooses(intent: Name, choice: keyof PlaybookChoices): boolean {
  return INTENT_BY_NAME[intent].playbook?.[choice] === true;
}
