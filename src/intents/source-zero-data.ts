/**
 * source_zero_data: the source delivered zero records or zero bytes, or days are missing at the source (historical gaps).
 */
import { GAP, rx } from "../classifier/signal-parts.js";
import { defineIntent } from "./definition.js";

export const sourceZeroData = defineIntent({
  name: "source_zero_data",
  meaning: "the source delivered zero records or zero bytes, or days are missing at the source (historical gaps)",
  diagramLabel: "data_missing",
  tools: ["verify_source_data", "get_s3_logs"],
  retryBudget: 0,
  primaryTools: ["verify_source_data"],
  playbook: { historicalLookback: true },
  precedence: {
    rank: 5,
    over: ["data_missing", "data_not_available"],
    why: "the source delivered nothing, which explains the missing data",
  },
  signals: {
    text: [
      {
        id: "zero.records",
        label: "zero records/bytes delivered",
        pattern: rx(
          String.raw`\b(?:0|zero|no) (?:records|rows|bytes|events|lines)\b|\b(?:0|zero|no) (?:new )?(?:records|rows|lines) (?:were |was )?(?:ingested|received|loaded|delivered|extracted)\b|\b(?:record|row|line)[ _]?count\b\W{0,8}(?:is |was |of )?0\b|\bempty (?:files?|extract|feed|payload|dataset|delivery)\b|\bfiles? (?:is |are |was |were )?empty\b|\b0[ -]?bytes?\b|\bzero[ -]?bytes?\b`,
        ),
        weight: 3,
        decisive: true,
      },
      {
        // Monitoring payloads: rows_ingested=0, "row_count": 0, records=0, bytes: 0, num_rows=0. Counts
        // of records or bytes only: a zero *file or object* count means nothing landed (data_missing).
        id: "zero.count-field",
        label: "zero record/byte count field",
        pattern: rx(
          String.raw`\b(?:(?:rows?|records?|lines?)(?:[ _-]?(?:ingested|received|loaded|delivered|extracted|written|read|count|total))?|(?:row|record|line)s?[ _-]?counts?|num[ _-]?(?:rows|records)|bytes(?:[ _-]?(?:ingested|received|delivered|written))?)["']?\s{0,2}[:=]\s{0,2}["']?0(?![\d.])`,
        ),
        weight: 3,
        decisive: true,
      },
      {
        id: "zero.gaps",
        label: "historical gaps / missing days",
        pattern: rx(
          String.raw`\bhistorical (?:data )?(?:gaps?|missing|holes)\b|\bgaps? in (?:the )?(?:history|historical|data|source)\b|\bmissing (?:days|dates)\b|\b(?:days|dates) (?:are |were )?missing\b|\bdata gaps?\b|\bhistorical data (?:is )?missing\b`,
        ),
        weight: 3,
        decisive: true,
      },
      {
        id: "zero.source-sent-nothing",
        label: "source sent nothing",
        pattern: rx(
          String.raw`\b(?:source|upstream|vendor|provider|feed)\b${GAP}\b(?:sent|delivered|provided|returned|produced|shared|has)\s+(?:no|zero|0|empty|nothing)\b`,
        ),
        weight: 3,
        decisive: true,
      },
      {
        // "Saturday and Sunday were never delivered by the counter vendor", "the vendor never sent the
        // file", "no data received from the vendor for 10th-11th", "no data at source for the weekend".
        // Zero rows/records/bytes are zero.records' job; this one is about deliveries and plain "data".
        id: "zero.never-delivered-at-source",
        label: "never delivered by the source",
        pattern: rx(
          String.raw`\b(?:source|upstream|vendor|provider|supplier|feed)s?\b${GAP}\bnever (?:sent|delivered|provided|produced|shared|published)\b|\bnever (?:been )?(?:sent|delivered|provided|produced|published)\b${GAP}\b(?:source|upstream|vendor|provider|supplier)s?\b|\bno data\b (?:(?:was|has been) )?(?:received|delivered|sent|provided)\s+(?:from|by)\b|\bno data\b${GAP}\b(?:at|from|in) (?:the )?(?:source|upstream|vendor)\b|\b(?:missing|absent) (?:at|from|in) (?:the )?(?:source|upstream)\b`,
        ),
        weight: 3,
        decisive: true,
      },
      {
        id: "zero.source-named",
        label: "source system named",
        pattern: rx(
          String.raw`\b(?:source system|upstream source|from (?:the )?source|vendor feed|source feed|source extract)\b`,
        ),
        weight: 0.75,
      },
      {
        id: "zero.backfill",
        label: "backfill",
        pattern: rx(String.raw`\bbackfill\w*`),
        weight: 0.5,
      },
    ],
    entity: [],
  },
});
