/**
 * Scrubs secrets from any text that may end up in an error message, a log line or an excerpt
 * of a response. Two layers: the exact values a client knows it sends (developer token,
 * access tokens: registered on a `Redactor`), and patterns that catch credentials by their
 * shape or label (`Bearer …`, `<AuthenticationToken>…`, `"DeveloperToken": "…"`,
 * `refresh_token=…`) even when nobody registered them.
 */

/** @public */
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

/**
 * Replaces credentials recognised by label or shape.
 *
 * @internal
 */
export function redactPatterns(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * An echo this long of the start of a known secret is redacted even when the rest is missing
 * (a service quoting `'EwBwA+l3BAAUQOjR…'`): twelve characters of a token are as good as the
 * token for anyone trying to recognise or brute-force it.
 */
const MIN_PREFIX = 12;

/**
 * Holds the secret values one client uses; `redact` removes them and the patterns. A value is
 * recognised in any spelling it may take on the way back: literally, URL-encoded (`%2F` or
 * `%2f`, `+` for a space), JSON-escaped (`\/`, `\u002B`, `\"`), any mix of these, and by any
 * prefix of at least 12 characters (or the whole value, when shorter).
 *
 * @internal
 */
export class Redactor {
  #secrets = new Set<string>();
  /** By first character: a text position is only tried against secrets that can start there. */
  #byFirst = new Map<number, string[]>();

  /** Registers a secret value. */
  add(secret: string | undefined | null): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) return;
    // Called with the access token on every attempt: a known one costs a lookup, no more.
    if (this.#secrets.has(secret)) return;
    this.#secrets.add(secret);
    const first = secret.charCodeAt(0);
    this.#byFirst.set(first, [...(this.#byFirst.get(first) ?? []), secret]);
  }

  redact(text: string): string {
    if (this.#secrets.size === 0) return redactPatterns(text);
    let out = '';
    let copied = 0;
    for (let i = 0; i < text.length;) {
      const end = this.#longestEcho(text, i);
      if (end > i) {
        out += text.slice(copied, i) + REDACTED;
        copied = i = end;
      } else i++;
    }
    return redactPatterns(copied === 0 ? text : out + text.slice(copied));
  }

  /** Where the longest echo of a secret starting at `at` ends, or `at` when none does. */
  #longestEcho(text: string, at: number): number {
    let best = at;
    const literal = text.charCodeAt(at);
    const decoded = decodedAt(text, at);
    for (const first of decoded === literal ? [literal] : [literal, decoded]) {
      for (const secret of this.#byFirst.get(first) ?? []) {
        const end = matchEcho(text, at, secret);
        if (end > best) best = end;
      }
    }
    return best;
  }

  /** A bound `redact`, for handing to code that only needs the function. */
  readonly fn = (text: string): string => this.redact(text);
}

/**
 * The end of an echo of `secret` (or of its first MIN_PREFIX+ characters) spelled at
 * `text[at]`, or `at` when there is none. Each character of the secret may appear as itself
 * or in one of its escaped spellings; the match is greedy, one character at a time.
 */
function matchEcho(text: string, at: number, secret: string): number {
  let pos = at;
  let matched = 0;
  while (matched < secret.length && pos < text.length) {
    const length = spelledAt(text, pos, secret.charCodeAt(matched));
    if (length === 0) break;
    pos += length;
    matched++;
  }
  const enough = matched === secret.length || matched >= MIN_PREFIX;
  return enough ? pos : at;
}

/** The character an escaped spelling at `pos` stands for, else the character there. */
function decodedAt(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === 0x25 /* % */) return hexAt(text, pos + 1, 2);
  if (c === 0x5c /* \\ */) {
    const next = text.charCodeAt(pos + 1);
    return next === 0x75 /* u */ ? hexAt(text, pos + 2, 4) : next;
  }
  return c === 0x2b /* + */ ? 0x20 : c;
}

/** How many characters of `text` at `pos` spell the character `code`; 0 if they do not. */
function spelledAt(text: string, pos: number, code: number): number {
  const c = text.charCodeAt(pos);
  if (c === 0x25 /* % */ && hexAt(text, pos + 1, 2) === code) return 3;
  if (c === 0x5c /* \ */) {
    const next = text.charCodeAt(pos + 1);
    if (next === 0x75 /* u */ && hexAt(text, pos + 2, 4) === code) return 6;
    if (next === code && (code === 0x2f || code === 0x22 || code === 0x5c)) return 2;
  }
  if (c === code) return 1;
  // A space in a form-encoded value.
  return c === 0x2b /* + */ && code === 0x20 ? 1 : 0;
}

/** The value of `digits` hex digits at `pos`, or -1. */
function hexAt(text: string, pos: number, digits: number): number {
  if (pos + digits > text.length) return -1;
  let value = 0;
  for (let k = 0; k < digits; k++) {
    const d = parseInt(text.charAt(pos + k), 16);
    if (Number.isNaN(d)) return -1;
    value = value * 16 + d;
  }
  return value;
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
