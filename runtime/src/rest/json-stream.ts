/**
 * JSON text given piece by piece (as a response arrives) → the value that
 * `JSON.parse(protectBigNumbers(text))` gives for the whole text, without ever holding the
 * whole text. A large response is otherwise held three times at its peak: its bytes, its
 * text and the values parsed from it.
 *
 * JSON.parse still does all the parsing, on runs of consecutive complete children of a
 * container (array items, object members) of at least RUN_CHARS; this module only finds where
 * children begin and end (strings, nesting) and validates the structure between runs. A
 * container whose own text grows beyond RUN_CHARS is "opened": made here as an empty array or
 * object that its children are added to as their runs are parsed, in order, so the result has
 * the same keys in the same order as JSON.parse's (`__proto__` included, as an own property).
 * Everything inside a run is checked by JSON.parse, everything between runs by this module:
 * text is accepted exactly when JSON.parse accepts it.
 */
import { protectBigNumbers } from './big-numbers.js';

/** The text is not JSON. The message never quotes it (it may carry anything). */
export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

/**
 * At least this many characters per JSON.parse call, and how large a container grows before
 * it is opened. Runs stay well below 128 KB: V8 puts larger strings in its large-object space,
 * where making each one costs a fresh mapping (joining runs that size was 40× slower).
 */
export const RUN_CHARS = 48 * 1024;
/** Containers opened at most this deep; deeper ones are parsed whole, as JSON.parse would. */
const MAX_OPEN_DEPTH = 64;

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

const enum Next {
  /** The root: one value, then nothing but whitespace. */
  RootValue,
  RootDone,
  /** Right after `[`. */
  ItemOrEnd,
  /** After a `,` in an array. */
  Item,
  /** Right after `{`. */
  KeyOrEnd,
  /** After a `,` in an object. */
  Key,
  Colon,
  MemberValue,
  CommaOrEnd,
}

interface Frame {
  /** Undefined for the root. */
  container: unknown[] | Record<string, unknown> | undefined;
  next: Next;
  /**
   * Where the children not parsed yet begin in the text (a key for members), -1 when none
   * is waiting; `runEnd` is just past the last complete one.
   */
  runStart: number;
  runEnd: number;
  /** The member being read: its key's text. */
  keyStart: number;
  keyEnd: number;
}

export class JsonStreamParser {
  readonly #runChars: number;
  /**
   * The text that may still be needed (from the innermost frame's run, or the scan position,
   * on), as the pieces it came in: joined only for JSON.parse, never grown by copying.
   */
  #pieces: string[] = [];
  /** Offset in the whole text of `#pieces[0]`'s first character, and of the text's end. */
  #base = 0;
  #end = 0;
  /** Offsets below are in the whole text. */
  #pos = 0;
  readonly #frames: Frame[] = [
    {
      container: undefined,
      next: Next.RootValue,
      runStart: -1,
      runEnd: -1,
      keyStart: 0,
      keyEnd: 0,
    },
  ];
  #root: unknown = undefined;
  /** The child value being scanned: where it starts (-1: none), and the scan's state inside it. */
  #valueStart = -1;
  /** Its first character. */
  #valueFirst = 0;
  #nest = 0;
  #inString = false;
  /** In a string: whether the backslashes ending the text scanned so far are an odd run. */
  #oddBackslashes = false;
  /** Whether that "value" is a member's key. */
  #isKey = false;

  constructor(options: { runChars?: number } = {}) {
    this.#runChars = options.runChars ?? RUN_CHARS;
  }

  /** Adds the next piece of the text; throws JsonSyntaxError as soon as it is not JSON. */
  push(piece: string): void {
    if (piece === '') return;
    const frame = this.#top();
    const keep = frame.runStart >= 0 ? frame.runStart : this.#pos;
    while (this.#pieces.length > 0 && this.#base + this.#pieces[0]!.length <= keep) {
      this.#base += this.#pieces.shift()!.length;
    }
    this.#pieces.push(piece);
    this.#end += piece.length;
    this.#scan(piece, this.#end - piece.length, false);
  }

  /** The value of the whole text; `empty` when it was only whitespace. */
  finish(): { empty: boolean; value: unknown } {
    this.#scan('', this.#end, true);
    const frame = this.#top();
    if (this.#frames.length === 1 && frame.next === Next.RootValue && this.#valueStart < 0) {
      return { empty: true, value: undefined };
    }
    if (this.#frames.length !== 1 || frame.next !== Next.RootDone) {
      throw new JsonSyntaxError('unexpected end of JSON');
    }
    this.#flush(frame);
    this.#pieces = [];
    return { empty: false, value: this.#root };
  }

  #top(): Frame {
    return this.#frames[this.#frames.length - 1]!;
  }

  /** The text from `from` to `to` (offsets in the whole text, both still held). */
  #slice(from: number, to: number): string {
    const pieces = this.#pieces;
    let k = 0;
    let at = this.#base;
    while (at + pieces[k]!.length <= from) at += pieces[k++]!.length;
    const first = pieces[k]!;
    if (to - at <= first.length) return first.slice(from - at, to - at);
    const parts = [first.slice(from - at)];
    at += first.length;
    while (at < to) {
      const piece = pieces[++k]!;
      parts.push(to - at < piece.length ? piece.slice(0, to - at) : piece);
      at += piece.length;
    }
    return parts.join('');
  }

  /** Scans `text` (which starts at offset `base` and ends where the text held ends) from #pos on. */
  #scan(text: string, base: number, final: boolean): void {
    for (;;) {
      const frame = this.#top();
      if (this.#valueStart >= 0) {
        if (!this.#scanValue(text, base, final)) {
          const start = this.#valueStart;
          if (!this.#openIfLarge(frame)) return;
          // Opened: its text so far is scanned again, as the children of its frame.
          text = this.#slice(start, this.#end);
          base = start;
          continue;
        }
        this.#valueStart = -1;
        if (this.#isKey) {
          this.#isKey = false;
          frame.keyEnd = this.#pos;
          frame.next = Next.Colon;
          continue;
        }
        frame.runEnd = this.#pos;
        if (frame.next === Next.RootValue) frame.next = Next.RootDone;
        else {
          frame.next = Next.CommaOrEnd;
          if (frame.runEnd - frame.runStart >= this.#runChars) this.#flush(frame);
        }
        continue;
      }
      const n = text.length;
      let i = this.#pos - base;
      while (i < n && isSpace(text.charCodeAt(i))) i++;
      this.#pos = base + i;
      if (i >= n) return;
      const c = text.charCodeAt(i);
      switch (frame.next) {
        case Next.RootValue:
        case Next.Item:
        case Next.MemberValue:
          this.#startValue(frame, c, frame.next === Next.MemberValue);
          break;
        case Next.ItemOrEnd:
          if (c === CLOSE_BRACKET) this.#close(frame, c);
          else this.#startValue(frame, c, false);
          break;
        case Next.KeyOrEnd:
        case Next.Key:
          if (c === CLOSE_BRACE && frame.next === Next.KeyOrEnd) {
            this.#close(frame, c);
            break;
          }
          if (c !== QUOTE) throw unexpected(c);
          if (frame.runStart < 0) frame.runStart = frame.runEnd = this.#pos;
          frame.keyStart = this.#pos;
          this.#valueStart = this.#pos;
          this.#isKey = true;
          break;
        case Next.Colon:
          if (c !== COLON) throw unexpected(c);
          this.#pos++;
          frame.next = Next.MemberValue;
          break;
        case Next.CommaOrEnd:
          if (c === COMMA) {
            this.#pos++;
            frame.next = Array.isArray(frame.container) ? Next.Item : Next.Key;
          } else this.#close(frame, c);
          break;
        case Next.RootDone:
          throw unexpected(c);
      }
    }
  }

  /** A child value starts at #pos with character `c`. */
  #startValue(frame: Frame, c: number, member: boolean): void {
    if (c === COMMA || c === COLON || c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      throw unexpected(c);
    }
    if (!member && frame.runStart < 0) frame.runStart = frame.runEnd = this.#pos;
    this.#valueStart = this.#pos;
    this.#valueFirst = c;
  }

  /** `]` or `}` at #pos ends the innermost opened container. */
  #close(frame: Frame, c: number): void {
    const isArray = Array.isArray(frame.container);
    if (frame.container === undefined || c !== (isArray ? CLOSE_BRACKET : CLOSE_BRACE)) {
      throw unexpected(c);
    }
    this.#flush(frame);
    this.#frames.pop();
    this.#pos++;
    const parent = this.#top();
    parent.next = parent.container === undefined ? Next.RootDone : Next.CommaOrEnd;
  }

  /**
   * Scans the value starting at #valueStart from #pos on, in `text` (starting at offset
   * `base`). True when it ended (#pos just past it); false when the text ran out first (the
   * state is kept for the next piece), unless `final` and it is a literal.
   */
  #scanValue(text: string, base: number, final: boolean): boolean {
    const n = text.length;
    let i = this.#pos - base;
    let nest = this.#nest;
    let inString = this.#inString;
    let ended = false;
    while (i < n) {
      if (inString) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          const run = backslashesBefore(text, n, i);
          this.#oddBackslashes =
            (run === n - i ? run + Number(this.#oddBackslashes) : run) % 2 === 1;
          i = n;
          break;
        }
        const run = backslashesBefore(text, quote, i);
        const odd = (run === quote - i ? run + Number(this.#oddBackslashes) : run) % 2 === 1;
        this.#oddBackslashes = false;
        i = quote + 1;
        if (odd) continue; // an escaped quote
        inString = false;
        if (nest === 0) {
          ended = true;
          break;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        // A quote after a literal's first characters (`1"a"`) is not JSON: JSON.parse says so.
        inString = true;
        this.#oddBackslashes = false;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        nest++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (nest === 0) {
          ended = true; // ends a literal; the closer belongs to the frame
          break;
        }
        if (--nest === 0) {
          i++;
          ended = true;
          break;
        }
      } else if (nest === 0 && (c === COMMA || c === COLON || isSpace(c))) {
        ended = true;
        break;
      }
      i++;
    }
    this.#pos = base + i;
    this.#nest = nest;
    this.#inString = inString;
    if (!ended && !(final && nest === 0 && !inString && this.#pos > this.#valueStart)) return false;
    this.#nest = 0;
    this.#inString = false;
    return true;
  }

  /**
   * The text ran out inside a child: once that child is a container larger than a run, the
   * complete children before it are parsed and it is opened (a new frame, scanned from its
   * start again). False when it stays a child parsed whole.
   */
  #openIfLarge(frame: Frame): boolean {
    const start = this.#valueStart;
    if (this.#isKey || this.#pos - start <= this.#runChars) return false;
    if (this.#frames.length > MAX_OPEN_DEPTH) return false;
    const first = this.#valueFirst;
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return false;
    const member = frame.next === Next.MemberValue;
    const key = member ? (parse(this.#slice(frame.keyStart, frame.keyEnd)) as string) : '';
    this.#flush(frame);
    const container: unknown[] | Record<string, unknown> = first === OPEN_BRACKET ? [] : {};
    if (frame.container === undefined) this.#root = container;
    else if (Array.isArray(frame.container)) frame.container.push(container);
    else setMember(frame.container, key, container);
    frame.next = frame.container === undefined ? Next.RootDone : Next.CommaOrEnd;
    this.#frames.push({
      container,
      next: first === OPEN_BRACKET ? Next.ItemOrEnd : Next.KeyOrEnd,
      runStart: -1,
      runEnd: -1,
      keyStart: 0,
      keyEnd: 0,
    });
    this.#valueStart = -1;
    this.#nest = 0;
    this.#inString = false;
    this.#pos = start + 1;
    return true;
  }

  /** Parses the waiting run of complete children into the frame's container. */
  #flush(frame: Frame): void {
    const { runStart, runEnd } = frame;
    frame.runStart = frame.runEnd = -1;
    if (runStart < 0 || runEnd <= runStart) return;
    const run = this.#slice(runStart, runEnd);
    const container = frame.container;
    if (container === undefined) {
      this.#root = parse(run);
    } else if (Array.isArray(container)) {
      const items = parse(`[${run}]`) as unknown[];
      for (let i = 0; i < items.length; i++) container.push(items[i]);
    } else {
      const members = parse(`{${run}}`) as Record<string, unknown>;
      for (const key of Object.keys(members)) setMember(container, key, members[key]);
    }
  }
}

/** How many backslashes come right before `at`, counting back no further than `from`. */
function backslashesBefore(text: string, at: number, from: number): number {
  let k = at - 1;
  while (k >= from && text.charCodeAt(k) === BACKSLASH) k--;
  return at - 1 - k;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(protectBigNumbers(text));
  } catch {
    throw new JsonSyntaxError('invalid JSON');
  }
}

/** As JSON.parse makes members: `__proto__` too is an own property, not the prototype. */
function setMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

function unexpected(c: number): JsonSyntaxError {
  return new JsonSyntaxError(`unexpected ${c === QUOTE ? 'string' : 'character'} in JSON`);
}
