import { NotificationFactsSchema } from "./types.js";
import type { NotificationFacts, NotificationFormat, NotificationService, ResourceRef, ResourceType } from "./types.js";

const MAX_ERROR_CHARS = 8_000;
const MAX_RELATED = 20;

export interface FactsDraft {
  readonly format: NotificationFormat;
  readonly service: NotificationService;
  readonly resource?: { readonly type: ResourceType; readonly name: string | undefined } | null;
  readonly related?: ReadonlyArray<{ readonly type: ResourceType; readonly name: string | undefined }>;
  readonly run_id?: string | undefined;
  readonly state?: string | undefined;
  readonly time?: string | undefined;
  readonly error?: string | undefined;
}

function present(value: string | undefined | null): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? null : trimmed;
}

function ref(draft: { readonly type: ResourceType; readonly name: string | undefined } | null | undefined) {
  const name = present(draft?.name);
  return draft === null || draft === undefined || name === null ? null : { type: draft.type, name };
}

/**
 * Turns a parser's draft into facts: blanks become null, related resources lose duplicates (and the
 * main resource), a long error is cut rather than rejected, and the result is checked against the
 * schema. Anything still out of shape yields null: a parser never hands the classifier bad facts.
 */
export function finishFacts(draft: FactsDraft): NotificationFacts | null {
  const resource = ref(draft.resource);
  const seen = new Set(resource === null ? [] : [`${resource.type}\u0000${resource.name}`]);
  const related: ResourceRef[] = [];
  for (const candidate of draft.related ?? []) {
    const item = ref(candidate);
    const key = item === null ? "" : `${item.type}\u0000${item.name}`;
    if (item === null || seen.has(key) || related.length >= MAX_RELATED) continue;
    seen.add(key);
    related.push(item);
  }
  const error = present(draft.error);
  const parsed = NotificationFactsSchema.safeParse({
    format: draft.format,
    service: draft.service,
    resource,
    related,
    run_id: present(draft.run_id),
    state: present(draft.state),
    time: present(draft.time),
    error: error === null ? null : error.slice(0, MAX_ERROR_CHARS),
  });
  return parsed.success ? parsed.data : null;
}
