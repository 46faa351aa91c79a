/**
 * Thread ids derived from the incident: the same ServiceNow sys_id always maps to the same
 * thread, so running an incident again finds its run instead of starting a duplicate. A UUID (v5
 * of the sys_id), because the LangGraph server only takes UUIDs as thread ids.
 */
import { v5 as uuidv5, validate as isUuid } from "uuid";

/** Our namespace for v5 ids (a fixed random UUID; changing it would orphan every thread). */
const THREAD_NAMESPACE = "0b7f2a55-3f5e-4c1e-9a8d-6f1c2e4b9d70";

export function threadIdFor(sysId: string): string {
  return uuidv5(`servicenow-incident:${sysId}`, THREAD_NAMESPACE);
}

/** What a user names on the CLI: a thread id as is, or an incident's sys_id. */
export function resolveThreadRef(ref: string): string {
  return isUuid(ref) ? ref.toLowerCase() : threadIdFor(ref);
}
