/**
 * Thread ids derived from the incident: the same ServiceNow sys_id always maps to the same
 * thread, so running an incident again finds its run instead of starting a duplicate. A UUID (v5
 * of the sys_id), because the LangGraph server only takes UUIDs as thread ids.
 *
 * Two more kinds of thread, each its own UUID so that nothing collides with an incident's thread:
 * a dry run of an incident (a rehearsal never takes the real run's thread, so the real run after it
 * still runs), and a thread a person names (`--thread recurrence-2026-11-24`).
 */
import { v5 as uuidv5, validate as isUuid } from "uuid";
import { UserInputError } from "../errors.js";
import { isWellFormedText } from "../safety/bounds.js";

/** Our namespace for v5 ids (a fixed random UUID; changing it would orphan every thread). */
const THREAD_NAMESPACE = "0b7f2a55-3f5e-4c1e-9a8d-6f1c2e4b9d70";

export function threadIdFor(sysId: string): string {
  return uuidv5(`servicenow-incident:${sysId}`, THREAD_NAMESPACE);
}

/** The thread of an incident's dry run. */
export function dryRunThreadIdFor(sysId: string): string {
  return uuidv5(`servicenow-incident-dry-run:${sysId}`, THREAD_NAMESPACE);
}

/** A thread named by a person: a UUID as is, any other name as its own v5 UUID. */
export function namedThreadId(name: string): string {
  return isUuid(name) ? name.toLowerCase() : uuidv5(`named-thread:${wellFormed(name)}`, THREAD_NAMESPACE);
}

/** A name a person typed (a lone surrogate cannot be hashed): one clear line, not a URIError. */
function wellFormed(ref: string): string {
  if (ref === "" || !isWellFormedText(ref))
    throw new UserInputError("thread: give a thread id, a sys_id or a thread name (well-formed, non-empty text)");
  return ref;
}

/** What a user names on the CLI: a thread id as is, or an incident's sys_id. */
export function resolveThreadRef(ref: string): string {
  return isUuid(ref) ? ref.toLowerCase() : threadIdFor(wellFormed(ref));
}

/**
 * Every thread a reference could mean, most likely first: the id itself (a UUID), else the
 * incident's thread, a thread of that name, the incident's dry run. The orchestrator picks the
 * one that exists.
 */
export function threadCandidates(ref: string): { thread_id: string; what: string }[] {
  if (isUuid(ref)) return [{ thread_id: ref.toLowerCase(), what: "thread" }];
  wellFormed(ref);
  return [
    { thread_id: threadIdFor(ref), what: `incident ${ref}` },
    { thread_id: namedThreadId(ref), what: `thread named ${ref}` },
    { thread_id: dryRunThreadIdFor(ref), what: `dry run of incident ${ref}` },
  ];
}
