/**
 * Scrubs secrets from any text that may end up in an error message, a log line or an excerpt
 * of a response. Two layers: the exact values a client knows it sends (developer token,
 * access tokens: registered on a `Redactor`), and patterns that catch credentials by their
 * shape or label (`Bearer …`, `<AuthenticationToken>…`, `"DeveloperToken": "…"`,
 * `refresh_token=…`) even when nobody registered them.
 */

export const REDACTED = '[REDACTED]';

/**
 * Values shorter than this are not registered: redacting a 3-letter value would mangle
 * ordinary words, and no real credential is that short (developer tokens are 9+ characters).
 */
const MIN_SECRET_LENGTH = 6;

/** Credential labels as they appear in SOAP headers, REST headers, OAuth forms and JSON. */
const LABELS = [
  'AuthenticationToken',
  'DeveloperToken',
  'Authorization',
  'Password',
  'ApplicationToken',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'code_verifier',
  'accessToken',
  'refreshToken',
  'clientSecret',
  'developerToken',
].join('|');

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // XML element content: <AuthenticationToken>…</…>, with or without a namespace prefix.
  [new RegExp(`(<(?:[\\w.-]+:)?(?:${LABELS})\\b[^>]*>)[^<]*`, 'gi'), `$1${REDACTED}`],
  // JSON members, header lines, form fields: Label: value, "Label":"value", label=value.
  [
    new RegExp(
      `((?:["']?)\\b(?:${LABELS})\\b["']?\\s*[:=]\\s*["']?)(?:Bearer\\s+)?[^\\s"'&,;<>}]+`,
      'gi',
    ),
    `$1${REDACTED}`,
  ],
  // Any bearer credential.
  [/\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, `$1${REDACTED}`],
];

/** Replaces credentials recognised by label or shape. */
export function redactPatterns(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Holds the secret values one client uses; `redact` removes them and the patterns. */
export class Redactor {
  #secrets = new Set<string>();
  /** Longest first, so a secret that contains another is replaced whole. */
  #ordered: string[] = [];

  /** Registers a secret value and the encoded spellings it may take in URLs and JSON. */
  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return;
    // Called with the access token on every attempt: a known one costs a lookup, no more.
    if (this.#secrets.has(secret)) return;
    const variants = [secret, encodeURIComponent(secret), secret.replaceAll('/', '\\/')];
    let changed = false;
    for (const v of variants) {
      if (!this.#secrets.has(v)) {
        this.#secrets.add(v);
        changed = true;
      }
    }
    if (changed) this.#ordered = [...this.#secrets].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#ordered) {
      if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
    }
    return redactPatterns(out);
  }

  /** A bound `redact`, for handing to code that only needs the function. */
  readonly fn = (text: string): string => this.redact(text);
}

/**
 * A short, single-line, secret-free excerpt of a response body for error messages: enough to
 * recognise an HTML error page or a truncated document, never the whole body.
 */
export function safeExcerpt(
  body: string | Uint8Array,
  redact: (text: string) => string = redactPatterns,
  maxChars = 200,
): string {
  // Redact a window far larger than the excerpt (and than any token), so that a credential
  // crossing the excerpt's end is still recognised whole before the cut.
  const head =
    typeof body === 'string'
      ? body.slice(0, EXCERPT_WINDOW)
      : Buffer.from(
          body.buffer,
          body.byteOffset,
          Math.min(body.byteLength, EXCERPT_WINDOW),
        ).toString('utf8');
  // Control characters and line breaks would let a hostile body forge log lines.
  const flat = redact(head)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > maxChars ? `${flat.slice(0, maxChars)}…` : flat;
}

const EXCERPT_WINDOW = 64 * 1024;
