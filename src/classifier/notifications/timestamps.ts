/**
 * Absolute times as notifications write them, made ISO 8601 UTC (`Date#toISOString`):
 * EventBridge `2017-09-07T06:02:03Z`, CloudWatch SNS `2015-06-03T17:43:27.123+0000`, Airflow
 * `2020-10-26T17:47:50.022899+00:00`, and the CloudWatch e-mail's `Friday 26 March, 2021 22:49:42 UTC`.
 * Anything else (relative times such as "5 minutes ago") gives undefined.
 */

const ISO_LIKE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?\s?(Z|UTC|[+-]\d{2}:?\d{2})?$/i;
const MAIL_DATE =
  /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9}),?\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s*(?:UTC|GMT|Z)?$/;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function valid(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function fromIsoLike(text: string): string | undefined {
  const parts = ISO_LIKE.exec(text);
  if (parts === null) return undefined;
  const [, day = "", clock = "", fraction, zone] = parts;
  const seconds = clock.length === 5 ? `${clock}:00` : clock;
  const millis = fraction === undefined ? "" : `.${fraction.slice(0, 3).padEnd(3, "0")}`;
  // Airflow's execution dates and run ids without a zone are UTC.
  const offset =
    zone === undefined || /^(?:z|utc)$/i.test(zone)
      ? "Z"
      : zone.includes(":")
        ? zone
        : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(`${day}T${seconds}${millis}${offset}`);
  // Reject impossible calendar dates (2021-02-30) that Date would roll over.
  return offset === "Z" && valid(date)?.slice(0, 10) !== day ? undefined : valid(date);
}

function fromMailDate(text: string): string | undefined {
  const parts = MAIL_DATE.exec(text);
  if (parts === null) return undefined;
  const [, day = "", monthName = "", year = "", hours = "", minutes = "", seconds = ""] = parts;
  const month = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase());
  if (month === -1) return undefined;
  const date = new Date(Date.UTC(Number(year), month, Number(day), Number(hours), Number(minutes), Number(seconds)));
  return date.getUTCDate() === Number(day) ? valid(date) : undefined;
}

/** The ISO 8601 form of an absolute time, or undefined. */
export function toIsoTime(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (trimmed === undefined || trimmed === "" || trimmed.length > 64) return undefined;
  return fromIsoLike(trimmed) ?? fromMailDate(trimmed);
}
