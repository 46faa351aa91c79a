/**
 * Caps a JSON value to about `maxChars` characters of serialised JSON, so large tool output never
 * floods graph state: long strings are cut with an ellipsis, long arrays keep their first items and
 * say how many were dropped. The result is still valid JSON of the same shape where it matters.
 */
export function boundJson(value: unknown, maxChars: number): unknown {
  if (JSON.stringify(value ?? null).length <= maxChars) return value;
  // Shrink string and array limits together until the value fits.
  for (let budget = Math.max(16, Math.floor(maxChars / 4)); budget >= 16; budget = Math.floor(budget / 2)) {
    const shrunk = shrink(value, budget, Math.max(2, Math.floor(budget / 16)));
    if (JSON.stringify(shrunk ?? null).length <= maxChars) return shrunk;
  }
  // Pathological shapes (thousands of keys): keep a textual preview; escaping can grow it, so re-check.
  const text = JSON.stringify(value ?? null);
  for (let length = maxChars - 40; ; length = Math.floor(length * 0.8)) {
    const preview = { truncated: true, preview: `${text.slice(0, Math.max(0, length))}…` };
    if (length <= 0 || JSON.stringify(preview).length <= maxChars) return preview;
  }
}

function shrink(value: unknown, maxString: number, maxItems: number): unknown {
  if (typeof value === "string") return value.length > maxString ? `${value.slice(0, maxString)}…` : value;
  if (Array.isArray(value)) {
    const kept = value.slice(0, maxItems).map((item) => shrink(item, maxString, maxItems));
    return value.length > maxItems ? [...kept, `… ${value.length - maxItems} more`] : kept;
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shrink(item, maxString, maxItems)]));
  }
  return value;
}
