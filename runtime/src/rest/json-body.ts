/**
 * A REST response body parsed as it arrives (the transport's `receive` sink): its chunks are
 * decoded to text and handed to the streaming JSON parser one by one, so a large body is
 * never held whole, neither as bytes nor as text. Only its beginning is kept, for the
 * excerpts of errors.
 */
import type { BodySink, TransportResponse } from '../transport.js';
import { WireFormatError } from '../wire-error.js';
import { JsonStreamParser, JsonSyntaxError } from './json-stream.js';

/** As much of the text as the error excerpts look at (redact.ts reads 64 K characters). */
const HEAD_CHARS = 64 * 1024;
/** Chunks are given to the parser once this much text has come (a socket gives up to 64 KB). */
const MIN_PIECE_CHARS = 16 * 1024;

/** What a JsonBodyReader made of a body. */
export class JsonBody {
  constructor(
    /** The first 64 K characters of the text. */
    readonly head: string,
    readonly byteLength: number,
    readonly empty: boolean,
    readonly outcome: { value: unknown } | { error: unknown },
  ) {}

  /** The parsed value; a WireFormatError when the text is not JSON. */
  value(): unknown {
    if ('value' in this.outcome) return this.outcome.value;
    const { error } = this.outcome;
    throw error instanceof JsonSyntaxError ? notJson(this.head) : error;
  }
}

/** `text`: the body or its beginning. JSON.parse's own message quotes the input: a masked excerpt instead. */
export function notJson(text: string): WireFormatError {
  const first = text.search(/\S/);
  return new WireFormatError('rest', 'the body is not valid JSON', text, Math.max(0, first));
}

export class JsonBodyReader implements BodySink {
  // Invalid UTF-8 becomes U+FFFD and a byte-order mark stays, as with Buffer#toString.
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  readonly #parser = new JsonStreamParser();
  #head = '';
  /** Text not given to the parser yet: small chunks are gathered first. */
  #pending: string[] = [];
  #pendingChars = 0;
  #bytes = 0;
  #error: unknown = undefined;
  #failed = false;

  write(chunk: Buffer): void {
    this.#bytes += chunk.byteLength;
    if (this.#failed && this.#head.length >= HEAD_CHARS) return; // only counted from here on
    this.#take(this.#decoder.decode(chunk, { stream: true }), false);
  }

  end(): JsonBody {
    this.#take(this.#decoder.decode(), true);
    let finished: { empty: boolean; value: unknown } | undefined;
    if (!this.#failed) {
      try {
        finished = this.#parser.finish();
      } catch (error) {
        this.#fail(error);
      }
    }
    const head = this.#head;
    return finished
      ? new JsonBody(head, this.#bytes, finished.empty, { value: finished.value })
      : new JsonBody(head, this.#bytes, false, { error: this.#error });
  }

  #take(text: string, last: boolean): void {
    // The head is kept whole even past an error: the excerpt shows the body's beginning.
    if (this.#head.length < HEAD_CHARS) this.#head += text.slice(0, HEAD_CHARS - this.#head.length);
    if (this.#failed) return;
    this.#pending.push(text);
    this.#pendingChars += text.length;
    if (this.#pendingChars < MIN_PIECE_CHARS && !last) return;
    const piece = this.#pending.length === 1 ? this.#pending[0]! : this.#pending.join('');
    this.#pending = [];
    this.#pendingChars = 0;
    try {
      this.#parser.push(piece);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** The rest of the body is only counted: an error is reported once it has all arrived. */
  #fail(error: unknown): void {
    this.#failed = true;
    this.#error = error;
  }
}

/** The transport's `receive` for REST: success bodies are parsed as they arrive. */
export function receiveJson(
  status: number,
  _headers: TransportResponse['headers'],
): BodySink | undefined {
  return status >= 200 && status < 300 ? new JsonBodyReader() : undefined;
}
