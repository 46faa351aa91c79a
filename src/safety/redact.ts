/**
 * Secrets that job logs, error messages and tickets print by accident are replaced by
 * `[redacted]` before the text reaches graph state, a terminal or a ticket. The rules are formats,
 * not guesses: AWS access key ids (AKIA/ASIA/ABIA/ACCA + 16), a value after a secret-looking label
 * (`aws_secret_access_key`, `SecretAccessKey`, `password`, `passwd`, `pwd`, `token`, `api_key`,
 * `Signature` …, as `key=value`, `key: value` or JSON `"key": "value"`), `Authorization` and
 * `Bearer` credentials, the password of a URL's userinfo (`scheme://user:[redacted]@host`), PEM
 * private key blocks, JWTs, and provider tokens with a published prefix (GitHub `ghp_` …,
 * `github_pat_`, Slack `xox?-`/`xapp-` and webhook URLs, LangSmith `lsv2_`).
 *
 * Redaction keeps the label and the words around it, so text that cause patterns match on
 * ("AccessDenied", "Connection reset by peer", "ExpiredTokenException: The security token …")
 * reads the same afterwards. It is idempotent: redacting twice gives the same text. Pure; every
 * pattern is linear in the length of the text.
 */

export const REDACTED = "[redacted]";

/**
 * A label whose value is a secret, matched on how the label ends (`db_password`, `X-Amz-Security-Token`,
 * `aws_secret_access_key`), so a longer word that merely contains one (`ExpiredTokenException`,
 * `SignatureDoesNotMatch`, `InvalidAccessKeyId`) is not a label.
 */
const SECRET_LABEL =
  /(?:pass(?:word|wd|phrase)|pwd|secret|token|(?:api|access|secret|private|client)[_.-]?key|apikey|signature|session|credentials?|authorization)$/i;

/** Whether a key (an argument name, a JSON property, a query parameter) names a secret. */
export function isSecretLabel(key: string): boolean {
  return SECRET_LABEL.test(key.replace(/^[-_.]+|[-_.]+$/g, ""));
}

/** Fixed-format secrets, replaced wherever they appear. Order matters: longer formats first. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  // JWT: base64url header and payload, both JSON objects, so both start with "eyJ".
  /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
  // GitHub: classic tokens ghp_/gho_/ghu_/ghs_/ghr_ + 36, fine-grained github_pat_…
  /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  // Slack: bot/user/app/refresh/config tokens, and incoming-webhook URLs.
  /\bxox(?:[abcdeoprs]|e\.xox[bp])-[A-Za-z0-9-]{10,}/g,
  /\bxapp-\d+-[A-Za-z0-9-]{10,}/g,
  /(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]+/g,
  // LangSmith API keys.
  /\blsv2_(?:pt|sk)_[A-Za-z0-9_]{20,}/g,
  // AWS access key ids: long-term (AKIA), temporary (ASIA), service bearer (ABIA), context (ACCA).
  /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g,
];

/** A bearer token without a label: only long token-like words, so prose ("bearer token required") stays. */
const BEARER = /\b(Bearer[ \t]+)([A-Za-z0-9._~+/-]{16,}=*)/g;
/** A labelled value that starts with an auth scheme: the scheme stays, the credentials after it go. */
const AUTH_SCHEME = /^(?:Bearer|Basic|Digest|Token|Negotiate|NTLM|AWS4-HMAC-SHA256)[ \t]+/;
/** A 40-character AWS secret access key after its label, also when only spaces or quotes separate them. */
const SECRET_KEY_AFTER_LABEL =
  /(secret[ _.-]?(?:access[ _.-]?)?key["']?[ \t:=]{1,5}["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi;

/** `scheme://user:password@`: the password goes, the user and host stay. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{1,30}:\/\/)([^\s:/?#@]*):([^\s/?#@]+)@/gi;

/** A label and its separator: `key=`, `key:`, `"key": `, `key = `. The value is read by hand. */
const LABEL = /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,64})(["']?[ \t]*[:=][ \t]*)/g;
/** Where an unquoted value ends. */
const VALUE_END = /[\s"'&,;<>(){}[\]]/;

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY( BLOCK)?-----/g;
const PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----/g;
/** A body line of a PEM block printed line by line (64 base64 characters, mixed case and digits). */
const PEM_BODY_LINE =
  /^[ \t]*(?=[A-Za-z0-9+/]*[a-z])(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[0-9])[A-Za-z0-9+/]{64}[ \t]*$/gm;

export function redactSecrets(text: string): string {
  if (text === "") return text;
  let result = redactPem(text).replace(PEM_BODY_LINE, REDACTED);
  for (const pattern of TOKEN_PATTERNS) {
    result = result.replace(pattern, (match, kept?: unknown) =>
      typeof kept === "string" && match.startsWith(kept) ? `${kept}${REDACTED}` : REDACTED,
    );
  }
  result = result
    .replace(URL_USERINFO, (_match, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`)
    .replace(SECRET_KEY_AFTER_LABEL, (_match, label: string) => `${label}${REDACTED}`)
    .replace(BEARER, (_match, scheme: string) => `${scheme}${REDACTED}`);
  return redactLabelledValues(result);
}

/** Every value after a secret label, read as a quoted string or up to the next delimiter. */
function redactLabelledValues(text: string): string {
  LABEL.lastIndex = 0;
  let out = "";
  let copied = 0;
  for (let match = LABEL.exec(text); match !== null; match = LABEL.exec(text)) {
    const [, label = "", separator = ""] = match;
    if (!isSecretLabel(label)) continue;
    const start = match.index + label.length + separator.length;
    const value = labelledValue(text, start);
    if (value === null || isErrorCodeSentence(label, separator, text, start, value.end)) continue;
    LABEL.lastIndex = value.end;
    out += `${text.slice(copied, value.secretStart)}${REDACTED}${value.closing}`;
    copied = value.end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

interface LabelledValue {
  /** Where the secret part starts (after an opening quote and an auth scheme). */
  secretStart: number;
  end: number;
  /** The closing quote to put back. */
  closing: string;
}

const NOT_SECRET = new Set(["null", "true", "false", "none", "undefined", REDACTED]);

/**
 * The value starting at `start`: a quoted string (backslash escapes honoured, never past the
 * line), or up to the first delimiter. A value that starts with an auth scheme ("Basic dXNl…")
 * keeps the scheme and loses what follows. Null when there is nothing secret to redact.
 */
function labelledValue(text: string, start: number): LabelledValue | null {
  const quote = text[start] === '"' || text[start] === "'" ? (text[start] as string) : "";
  let secretStart = start + quote.length;
  const scheme = AUTH_SCHEME.exec(text.slice(secretStart, secretStart + 40));
  if (scheme) secretStart += scheme[0].length;
  let end = secretStart;
  let closing = "";
  if (quote !== "") {
    while (end < text.length && text[end] !== quote && text[end] !== "\n") end += text[end] === "\\" ? 2 : 1;
    end = Math.min(end, text.length);
    if (text[end] === quote) closing = quote;
  } else {
    while (end < text.length && !VALUE_END.test(text[end] as string)) end += 1;
  }
  const secret = text.slice(secretStart, end);
  if (secret === "" || NOT_SECRET.has(secret.toLowerCase()) || secret === REDACTED) return null;
  return { secretStart, end: end + closing.length, closing };
}

/**
 * An AWS error code followed by its message ("ExpiredToken: The provided token has expired",
 * "IncompleteSignature: The request signature …") is prose, not a secret: an UpperCamelCase code,
 * a colon, and a sentence that starts with a plain word.
 */
function isErrorCodeSentence(label: string, separator: string, text: string, start: number, end: number): boolean {
  if (!separator.includes(":") || !/^(?:[A-Z][a-z]+){2,}$/.test(label)) return false;
  return /^[A-Z]?[a-z]+$/.test(text.slice(start, end)) && /^ [A-Za-z]/.test(text.slice(end, end + 2));
}

/**
 * PEM private keys: from a BEGIN line to its END line (or to the end of the text when the END is
 * missing: a cut-off key is still a key). The markers are kept so a reader sees what was there.
 */
function redactPem(text: string): string {
  if (!text.includes("PRIVATE KEY")) return text;
  PEM_BEGIN.lastIndex = 0;
  let out = "";
  let copied = 0;
  for (let begin = PEM_BEGIN.exec(text); begin !== null; begin = PEM_BEGIN.exec(text)) {
    const bodyStart = begin.index + begin[0].length;
    PEM_END.lastIndex = bodyStart;
    const end = PEM_END.exec(text);
    const bodyEnd = end ? end.index : text.length;
    out += `${text.slice(copied, bodyStart)}${REDACTED}${end ? end[0] : ""}`;
    copied = end ? end.index + end[0].length : text.length;
    PEM_BEGIN.lastIndex = copied;
    if (bodyEnd === text.length) break;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

type JsonContainer = Record<string, unknown> | unknown[];

function isPlainContainer(value: unknown): value is JsonContainer {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== "object") return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of a JSON value with every string redacted, and the value of every property or argument
 * whose name is a secret label (`"SecretAccessKey": …`, `"--db_password": …`) replaced whole.
 * Iterative, so the depth of the value cannot overflow the stack; shared and cyclic parts are
 * copied once. Values that are not plain data (a Date, a Map) are kept as they are.
 */
export function redactJson<T>(value: T): T {
  if (typeof value === "string") return redactSecrets(value) as T;
  if (!isPlainContainer(value)) return value;
  const copies = new Map<object, JsonContainer>();
  const shell = (source: JsonContainer): JsonContainer => {
    const copy: JsonContainer = Array.isArray(source) ? [] : {};
    copies.set(source, copy);
    pending.push([source, copy]);
    return copy;
  };
  const pending: Array<[JsonContainer, JsonContainer]> = [];
  const root = shell(value);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, target] = next;
    const isArray = Array.isArray(source);
    for (const [key, item] of Object.entries(source)) {
      let copied: unknown = item;
      if (!isArray && isSecretLabel(key) && (typeof item === "string" || typeof item === "number") && item !== "") {
        copied = REDACTED;
      } else if (typeof item === "string") {
        copied = redactSecrets(item);
      } else if (isPlainContainer(item)) {
        copied = copies.get(item) ?? shell(item);
      }
      if (Array.isArray(target)) target.push(copied);
      // defineProperty: a JSON "__proto__" key is an own property, never the prototype.
      else Object.defineProperty(target, key, { value: copied, enumerable: true, writable: true, configurable: true });
    }
  }
  return root as T;
}
