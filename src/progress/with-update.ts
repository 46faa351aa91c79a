/**
 * The state as it will be once a node's update is applied, as the graph's reducers apply it: the
 * appended lists grow, every other field is replaced. A node that chooses the next branch reads it,
 * so it decides on what it just found. Pure.
 */
import { APPENDED_FIELDS, type GraphState, type GraphUpdate } from "../state/graph-state.js";

export function withUpdate(state: GraphState, update: GraphUpdate): GraphState {
  const next: GraphState = { ...state, ...update };
  for (const field of APPENDED_FIELDS) {
    const added = update[field];
    if (added) Object.assign(next, { [field]: [...state[field], ...added] });
  }
  return next;
}
