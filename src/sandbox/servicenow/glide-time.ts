/** The Table API's date-time values: "2025-03-01 10:00:00", in UTC (the emulated instance's zone). */

const GLIDE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;

export function formatGlideTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** A glide date-time ("2025-03-01 10:00:00"), a date ("2025-03-01") or an ISO time; NaN otherwise. */
export function parseGlideTime(value: string): number {
  const glide = GLIDE.exec(value);
  if (glide) return Date.parse(`${glide[1]}T${glide[2]}Z`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
}
