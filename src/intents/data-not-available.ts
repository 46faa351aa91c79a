/**
 * data_not_available: consumers report that a dataset, table or report is not available or not refreshed, with no location named.
 * Signals: a consumer complaint with no location.
 */
import { GAP, LOCATION, rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const dataNotAvailable = defineIntent({
  name: "data_not_available",
  meaning: "consumers report that a dataset, table or report is not available or not refreshed, with no location named",
  diagramLabel: "data_missing",
  tools: ["get_cloudwatch_alarm", "verify_source_data", "get_s3_logs"],
  retryBudget: 0,
  primaryTools: ["verify_source_data", "get_cloudwatch_alarm"],
  playbook: { alarmByNamePrefix: true, alarmClearedMeansRecovered: true },
  signals: {
    text: [
      {
        id: "unavailable.not-available",
        label: "'not available'",
        pattern: rx(String.raw`\bnot (?:yet )?available\b|\bunavailable\b|\bnot accessible\b`),
        weight: 2,
      },
      {
        id: "unavailable.not-refreshed",
        label: "not refreshed / stale",
        pattern: rx(
          String.raw`\bnot (?:been )?(?:refreshed|updated|loaded|populated)\b|\bstale\b|\bout of date\b|\boutdated\b|\bhas ?n[o']t (?:been )?(?:refreshed|updated|loaded)\b|\bdid ?n[o']t (?:refresh|update|load)\b|\bnot up to date\b|\bstill shows? (?:yesterday|old|last)`,
        ),
        weight: 2.5,
      },
      {
        id: "unavailable.consumer-object",
        label: "report/dashboard/table named",
        pattern: rx(String.raw`\b(?:dashboards?|reports?|tableau|quicksight|power ?bi|looker|datasets?|data mart)\b`),
        weight: 0.75,
      },
      {
        id: "unavailable.data-missing",
        label: "data missing (no location)",
        pattern: rx(
          String.raw`\b(?:data|dataset|table|report|dashboard|numbers|figures)\b${GAP}\b(?:missing|not there|empty|blank|gone)\b|\b(?:missing|no) (?:data|numbers|figures)\b|\bcan ?n[o']t (?:see|find) (?:the |any |today's |yesterday's )?(?:data|numbers|figures|report)`,
        ),
        weight: 2,
        unless: LOCATION,
      },
      {
        id: "unavailable.consumer-complaint",
        label: "consumers report",
        pattern: rx(
          String.raw`\b(?:users?|business|analysts?|stakeholders?|customers?|consumers?|finance|the team)\s+(?:report(?:ed|s)?|complain\w*|are asking|noticed|cannot|can ?n[o']t)\b`,
        ),
        weight: 1,
      },
    ],
    entity: [],
  },
});
