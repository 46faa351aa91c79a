export { anchorToSubject, ANCHORED_CONFIDENCE_CAP } from "./anchor.js";
export {
  checkSubjectBinding,
  isNamedSubject,
  subjectTarget,
  type SubjectBinding,
  type SubjectTarget,
} from "./binding.js";
export { resolveSubject } from "./resolve.js";
export * from "./subject.js";
