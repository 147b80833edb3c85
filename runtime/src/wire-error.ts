/**
 * The error a wire codec throws when a response cannot be read: malformed XML or JSON, a
 * missing SOAP Envelope/Body, an unexpected body element, a forbidden DOCTYPE, a value that
 * does not parse as its declared type. It is a `TransportError` ('malformed-response') so the
 * client glue and retry logic treat it like any other unusable response.
 *
 * Messages carry a short excerpt of the offending text so a bug report is actionable, but an
 * excerpt could in principle contain a credential the server echoed back, so it is bounded,
 * flattened to one line, and known credential carriers are masked.
 */
import { TransportError } from './errors.js';

/** @public */
export type WireProtocol = 'soap' | 'rest';

const MAX_EXCERPT = 200;

/**
 * How deep a response may nest (objects and arrays, both protocols): far beyond any Microsoft
 * Advertising type, far below the JS stack limit.
 */
export const MAX_RESPONSE_DEPTH = 256;

/** Credential-looking values (XML element, JSON property, form field, bearer token) → masked. */
const SECRET_PATTERNS: RegExp[] = [
  /((?:AuthenticationToken|DeveloperToken|Password|ApplicationToken)[^>"]{0,80}>)[^<]*/gi,
  /("(?:AuthenticationToken|DeveloperToken|Password|access_token|refresh_token|client_secret|id_token|Authorization)"\s*:\s*")[^"]*/gi,
  /((?:access_token|refresh_token|client_secret|code)=)[^&\s"<]*/gi,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g,
];

/**
 * A bounded, single-line, credential-masked excerpt of `text` around `position` (the start
 * when omitted). Never longer than 200 characters.
 */
export function safeExcerpt(text: string, position = 0): string {
  const from = Math.max(0, Math.min(position, text.length) - 60);
  // Mask on a wider window first so a secret cut by the window edge is still recognised.
  let window = text.slice(Math.max(0, from - 120), from + MAX_EXCERPT + 120);
  for (const pattern of SECRET_PATTERNS) window = window.replace(pattern, '$1***');
  const offset = Math.min(from, 120);
  // Control characters would garble logs; collapse all whitespace runs to one space.
  let excerpt = window
    .slice(offset, offset + MAX_EXCERPT)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ');
  if (excerpt.length > MAX_EXCERPT) excerpt = excerpt.slice(0, MAX_EXCERPT);
  return excerpt;
}

/** @public */
export class WireFormatError extends TransportError {
  override name = 'WireFormatError';
  /** Which codec failed. */
  readonly protocol: WireProtocol;
  /** What was wrong, without the excerpt (`unexpected body element <Foo>`). */
  readonly problem: string;
  /** Masked text near the failure, at most 200 characters. */
  readonly excerpt: string;
  /** Where in the response the value that does not fit sits (`$.User.CustomerRoles`), when known. */
  readonly path: string | undefined;

  constructor(protocol: WireProtocol, problem: string, text: string, position = 0, path?: string) {
    const excerpt = safeExcerpt(text, position);
    super(
      'malformed-response',
      `Malformed ${protocol === 'soap' ? 'SOAP' : 'REST'} response: ${problem} (near: ${JSON.stringify(excerpt)})`,
      { excerpt },
    );
    this.protocol = protocol;
    this.problem = problem;
    this.excerpt = excerpt;
    this.path = path;
  }
}
