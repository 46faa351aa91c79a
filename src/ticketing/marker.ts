/**
 * Every note incident-orchestrator writes ends with a marker line naming the write's outbox key.
 * A sender that cannot know whether its last attempt went through (it died, or the answer was lost)
 * looks for the marker in the ticket's journal before writing again, so a replay never adds a
 * second note; and review-from-ticket uses our own notes to know when a pause was written. PURE.
 */
export const MARKER_PREFIX = "incident-orchestrator ref:";

export const markerFor = (key: string): string => `[${MARKER_PREFIX} ${key}]`;

export const withMarker = (note: string, key: string): string => `${note}\n\n${markerFor(key)}`;

/** Whether a journal entry's text is one of our notes (any key). */
export const isOurNote = (text: string): boolean => text.includes(`[${MARKER_PREFIX} `);
