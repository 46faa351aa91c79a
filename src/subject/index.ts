export { anchorToSubject, ANCHORED_CONFIDENCE_CAP } from "./anchor.js";
export { bindTo, subjectTarget, type SubjectBinding, type SubjectTarget } from "./binding.js";
export { focusOnSubject } from "./focus.js";
export { resolveSubject } from "./resolve.js";
export * from "./subject.js";
