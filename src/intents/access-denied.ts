/**
 * access_denied: permission failures (AccessDenied, not authorized) and requests for access.
 */
import { rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const accessDenied = defineIntent({
  name: "access_denied",
  meaning: "permission failures (AccessDenied, not authorized) and requests for access",
  diagramLabel: "others",
  tools: [],
  retryBudget: 0,
  primaryTools: [],
  policyOverride: "escalate",
  fastTrack: true,
  precedence: {
    rank: 1,
    over: { allBut: [] },
    why: "a permission failure is the cause and no rerun fixes it",
  },
  signals: {
    text: [
      {
        id: "access.denied",
        label: "access denied error",
        pattern: rx(
          String.raw`\baccess ?denied(?:exception)?\b|\baccess is denied\b|\bpermissions? denied\b|\bpermission_denied\b|\baccess_denied\b`,
        ),
        weight: 4,
        decisive: true,
      },
      {
        id: "access.not-authorized",
        label: "'not authorized to perform'",
        pattern: rx(
          String.raw`\bnot authori[sz]ed to (?:perform|access|call|read|write)\b|\bis not authori[sz]ed\b|\bunauthori[sz]ed(?:operation|access|exception)?\b`,
        ),
        weight: 4,
        decisive: true,
      },
      {
        id: "access.insufficient",
        label: "missing permissions",
        pattern: rx(
          String.raw`\b(?:insufficient|missing|lacks?|lacking) (?:iam |lake ?formation |s3 |kms |select |read |write )?(?:permissions?|privileges?)\b|\bdoes ?n[o']t have (?:the )?(?:required |necessary |sufficient )?(?:permissions?|access|privileges?)\b|\binsufficient lake ?formation\b`,
        ),
        weight: 3.5,
        decisive: true,
      },
      {
        id: "access.request",
        label: "request for access",
        pattern: rx(
          String.raw`\b(?:request(?:ing|s)?|need|needs|require|requires|grant|give|provide|provision)(?:\s+(?:me|us|her|him|them|read|write|read-only|readonly|select|query|the|temporary|s3|athena))?(?:\s+(?:read|write|read-only|readonly|select|query|temporary))?\s+access\b|\baccess request\b|\brequest for (?:read |write )?access\b|\bcan (?:i|we) (?:get|have) access\b`,
        ),
        weight: 4,
        decisive: true,
      },
      {
        id: "access.forbidden",
        label: "403 Forbidden",
        pattern: rx(String.raw`\bforbidden\b|\b403\b`),
        weight: 2,
      },
      {
        id: "access.cannot-access",
        label: "cannot access",
        pattern: rx(String.raw`\b(?:can ?n[o']t|cannot|unable to|lost) access\b|\bno access to\b`),
        weight: 2,
      },
      {
        id: "access.iam",
        label: "IAM / Lake Formation named",
        pattern: rx(
          String.raw`\biam (?:roles?|polic(?:y|ies)|users?|permissions?)\b|\blake ?formation\b|\bbucket policy\b|\bkms key policy\b|\bassumerole\b|\barn:aws:iam\b|\barn:aws:sts\b`,
        ),
        weight: 1,
      },
    ],
    entity: [],
  },
});
