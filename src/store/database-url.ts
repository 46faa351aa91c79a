/**
 * DATABASE_URL in what we show: one set of rules for the store's own location, our messages and the
 * driver's errors, so a password (in the userinfo or a `?password=`) is never printed anywhere.
 */
import { REDACTED, isSecretLabel, redactSecrets } from "../safety/index.js";

/** The URL without its userinfo password (a `?password=` is describeDatabaseUrl's to remove). */
export function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === "") return url;
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1@");
  }
}

/**
 * DATABASE_URL as it may be shown: no password in the userinfo (`postgres://app@db/runs`), none in
 * the query (`?password=`, `sslpassword=` …), nothing else that looks like a secret.
 */
export function describeDatabaseUrl(url: string): string {
  return scrubDatabaseUrl(redactPassword(url), url);
}

/**
 * Text (a driver's error, a message of ours) with the URL's secrets removed wherever they appear:
 * the URL itself, its userinfo password and its secret query parameters, decoded or not, then the
 * general redaction rules (src/safety) for anything else.
 */
export function scrubDatabaseUrl(text: string, url: string): string {
  let result = text.split(url).join(redactPassword(url));
  for (const secret of databaseUrlSecrets(url)) result = removeAll(result, secret);
  return redactSecrets(result);
}

/** Every occurrence of a secret; a short one only as a word of its own, so "a" does not eat every "a". */
function removeAll(text: string, secret: string): string {
  if (secret.length >= 8) return text.split(secret).join(REDACTED);
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, "g"), REDACTED);
}

/** The secret values a connection URL carries, as written and decoded. */
function databaseUrlSecrets(url: string): string[] {
  const secrets: string[] = [];
  try {
    const parsed = new URL(url);
    secrets.push(parsed.password, safeDecode(parsed.password));
    for (const [name, value] of parsed.searchParams) if (isSecretLabel(name)) secrets.push(value);
    for (const match of parsed.search.matchAll(/[?&]([^=&]+)=([^&]*)/g)) {
      if (isSecretLabel(safeDecode(match[1] ?? ""))) secrets.push(match[2] ?? "");
    }
  } catch {
    // Not a URL the WHATWG parser takes (an unencoded "/" in the password): take what sits
    // between the user's colon and the last "@" before the host.
    const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]*:([^@]*)@/i.exec(url)?.[1];
    if (password) secrets.push(password, safeDecode(password));
  }
  // Longest first, so a secret that contains another is removed whole.
  return [...new Set(secrets)].filter((secret) => secret !== "").sort((a, b) => b.length - a.length);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
