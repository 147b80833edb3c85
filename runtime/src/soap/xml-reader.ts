/**
 * A small pull reader for SOAP responses, driven by the decode plans: the caller says what
 * it expects next (a child element, the text of a simple element, the end of an element)
 * and the reader checks well-formedness on the way (every end tag must match its start tag,
 * nothing but comments and processing instructions outside the root).
 *
 * Why not fast-xml-parser: on a 200 KB response its parse alone costs as much as the `soap`
 * package's whole decode, and it silently accepts mismatched or missing end tags. This
 * reader makes one pass with charCode/indexOf scans and builds no intermediate tree.
 *
 * Safety: there is no DTD support at all. `<!DOCTYPE` (and so `<!ENTITY`) anywhere is a
 * WireFormatError; only the five predefined entities and character references are
 * resolved, any other `&name;` is an error. Names are matched by local name (prefixes are
 * ignored), as DataContract's wire format needs; `i:nil` and `i:type` are recognised by
 * their local names on prefixed attributes.
 */
import { MAX_RESPONSE_DEPTH as MAX_DEPTH, WireFormatError } from '../wire-error.js';
import { XmlReferenceError, decodeXmlReferences } from './xml-text.js';

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const COLON = 58;
const EQUALS = 61;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

export class XmlReader {
  pos = 0;
  /** Of the start tag read last: its raw name (`a:Name`), local name, attributes of interest. */
  qname = '';
  local = '';
  nil = false;
  xsiType: string | undefined = undefined;
  selfClosing = false;
  /** Nesting of objects being decoded; bounded so hostile input cannot exhaust the stack. */
  private depth = 0;
  /** Next `&` / CR at or after the last text start (Infinity: none left); keeps text reads O(length). */
  private nextAmp = -1;
  private nextCr = -1;

  constructor(readonly text: string) {}

  fail(reason: string, at = this.pos): never {
    throw new WireFormatError('soap', reason, this.text, at);
  }

  /** Entering a nested object: fail beyond MAX_DEPTH levels. */
  enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`elements nested deeper than ${MAX_DEPTH} levels`);
  }

  leave(): void {
    this.depth--;
  }

  /** Skip the prolog (BOM, XML declaration, comments) and read the root start tag. */
  openRoot(): void {
    const s = this.text;
    let i = s.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt === -1) this.fail('no root element', i);
      for (let j = i; j < lt; j++)
        if (!isSpace(s.charCodeAt(j))) this.fail('text before the root element', j);
      const c = s.charCodeAt(lt + 1);
      if (c === QUESTION) i = this.skipPi(lt);
      else if (c === BANG) i = this.skipBang(lt);
      else if (c === SLASH) this.fail('end tag before the root element', lt);
      else {
        this.readStartTag(lt);
        return;
      }
    }
  }

  /** After the root's end tag: only whitespace, comments and processing instructions may follow. */
  finish(): void {
    const s = this.text;
    let i = this.pos;
    for (;;) {
      const lt = s.indexOf('<', i);
      const end = lt === -1 ? s.length : lt;
      for (let j = i; j < end; j++)
        if (!isSpace(s.charCodeAt(j))) this.fail('content after the root element', j);
      if (lt === -1) return;
      const c = s.charCodeAt(lt + 1);
      if (c === QUESTION) i = this.skipPi(lt);
      else if (c === BANG && s.startsWith('<!--', lt)) i = this.skipBang(lt);
      else this.fail('content after the root element', lt);
    }
  }

  /**
   * Inside element `parent` (its start tag read, not self-closing): move to the next child
   * start tag and return true, or consume `parent`'s end tag and return false. Text between
   * children is ignored.
   */
  nextChild(parent: string): boolean {
    const s = this.text;
    let i = this.pos;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt === -1) this.fail(`document ends inside <${parent}>`, s.length);
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.readEndTag(lt, parent);
        return false;
      }
      if (c === BANG) i = this.skipBang(lt);
      else if (c === QUESTION) i = this.skipPi(lt);
      else {
        this.readStartTag(lt);
        return true;
      }
    }
  }

  /** Inside element `qname` (start tag read, not self-closing): its text, then its end tag. */
  readText(qname: string): string {
    const s = this.text;
    const start = this.pos;
    let lt = s.indexOf('<', start);
    if (lt === -1) this.fail(`document ends inside <${qname}>`, s.length);
    if (s.charCodeAt(lt + 1) === SLASH) {
      this.readEndTag(lt, qname);
      return this.textOf(start, lt);
    }
    // Rare: CDATA sections, comments or PIs inside the text.
    const parts: string[] = [];
    let i = start;
    for (;;) {
      parts.push(this.textOf(i, lt));
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        this.readEndTag(lt, qname);
        return parts.join('');
      }
      if (c === BANG && s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end === -1) this.fail('unterminated CDATA section', lt);
        parts.push(s.slice(lt + 9, end).replace(/\r\n?/g, '\n'));
        i = end + 3;
      } else if (c === BANG) i = this.skipBang(lt);
      else if (c === QUESTION) i = this.skipPi(lt);
      else this.fail(`unexpected element inside the text of <${qname}>`, lt);
      lt = s.indexOf('<', i);
      if (lt === -1) this.fail(`document ends inside <${qname}>`, s.length);
    }
  }

  /** Skip the rest of the element whose start tag was just read (`qname`, `selfClosing`). */
  skip(qname: string, selfClosing: boolean): void {
    if (selfClosing) return;
    const stack = [qname];
    while (stack.length > 0) {
      if (this.nextChild(stack[stack.length - 1]!)) {
        if (!this.selfClosing) stack.push(this.qname);
      } else {
        stack.pop();
      }
    }
  }

  private textOf(start: number, end: number): string {
    if (start === end) return '';
    const s = this.text;
    if (this.nextAmp < start) {
      const at = s.indexOf('&', start);
      this.nextAmp = at === -1 ? Infinity : at;
    }
    if (this.nextCr < start) {
      const at = s.indexOf('\r', start);
      this.nextCr = at === -1 ? Infinity : at;
    }
    if (this.nextAmp >= end && this.nextCr >= end) return s.slice(start, end);
    try {
      return decodeXmlReferences(s, start, end);
    } catch (error) {
      if (error instanceof XmlReferenceError) this.fail(error.message, error.offset);
      throw error;
    }
  }

  private readEndTag(lt: number, expected: string): void {
    const s = this.text;
    let j = lt + 2 + expected.length;
    if (s.startsWith(expected, lt + 2)) {
      while (isSpace(s.charCodeAt(j))) j++;
      if (s.charCodeAt(j) === GT) {
        this.pos = j + 1;
        return;
      }
    }
    const close = s.indexOf('>', lt);
    const found = s.slice(
      lt + 2,
      close === -1 ? Math.min(s.length, lt + 40) : Math.min(close, lt + 80),
    );
    this.fail(`expected </${expected}> but found </${found}>`, lt);
  }

  /** Comments and CDATA are skipped; a DOCTYPE or any other `<!` declaration is refused. */
  private skipBang(lt: number): number {
    const s = this.text;
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      if (end === -1) this.fail('unterminated comment', lt);
      return end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end === -1) this.fail('unterminated CDATA section', lt);
      return end + 3;
    }
    if (/^<!(DOCTYPE|ENTITY)/i.test(s.slice(lt, lt + 9))) {
      this.fail(
        'DOCTYPE and ENTITY declarations are not allowed in a SOAP response (never expanded)',
        lt,
      );
    }
    return this.fail('unexpected markup declaration', lt);
  }

  private skipPi(lt: number): number {
    const end = this.text.indexOf('?>', lt + 2);
    if (end === -1) this.fail('unterminated processing instruction', lt);
    return end + 2;
  }

  private readStartTag(lt: number): void {
    const s = this.text;
    const n = s.length;
    let i = lt + 1;
    let colon = -1;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === COLON) colon = i;
      else if (c === GT || c === SLASH || isSpace(c)) break;
      else if (c === LT || c === EQUALS || c === 34 || c === 39)
        this.fail('invalid character in element name', i);
    }
    if (i === lt + 1 || colon === i - 1 || colon === lt + 1) this.fail('invalid element name', lt);
    this.qname = s.slice(lt + 1, i);
    this.local = colon === -1 ? this.qname : s.slice(colon + 1, i);
    this.nil = false;
    this.xsiType = undefined;
    for (;;) {
      const afterValue = i;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) this.fail(`unterminated start tag <${this.qname}`, lt);
      const c = s.charCodeAt(i);
      if (c === GT) {
        this.selfClosing = false;
        this.pos = i + 1;
        return;
      }
      if (c === SLASH) {
        if (s.charCodeAt(i + 1) !== GT) this.fail(`malformed start tag <${this.qname}`, i);
        this.selfClosing = true;
        this.pos = i + 2;
        return;
      }
      if (i === afterValue)
        this.fail(`attributes of <${this.qname}> must be separated by whitespace`, i);
      i = this.readAttribute(i);
    }
  }

  /** One `name="value"`; records `*:nil` and `*:type`. Returns the index after the closing quote. */
  private readAttribute(start: number): number {
    const s = this.text;
    const n = s.length;
    let i = start;
    let colon = -1;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === COLON) colon = i;
      else if (c === EQUALS || c === GT || c === SLASH || c === LT || isSpace(c)) break;
    }
    const nameEnd = i;
    if (nameEnd === start) this.fail(`malformed attribute in <${this.qname}>`, start);
    while (isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== EQUALS) this.fail(`attribute without a value in <${this.qname}>`, i);
    i++;
    while (isSpace(s.charCodeAt(i))) i++;
    const quote = s.charCodeAt(i);
    if (quote !== 34 && quote !== 39) this.fail(`unquoted attribute value in <${this.qname}>`, i);
    const valueEnd = s.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (valueEnd === -1) this.fail(`unterminated attribute value in <${this.qname}>`, i);
    const lt = s.indexOf('<', i + 1);
    if (lt !== -1 && lt < valueEnd) this.fail(`"<" in an attribute value of <${this.qname}>`, lt);
    if (colon !== -1 && !s.startsWith('xmlns:', start)) {
      const localLength = nameEnd - colon - 1;
      if (localLength === 3 && s.startsWith('nil', colon + 1)) {
        const value = s.slice(i + 1, valueEnd).trim();
        this.nil = value === 'true' || value === '1';
      } else if (localLength === 4 && s.startsWith('type', colon + 1)) {
        this.xsiType = this.textOf(i + 1, valueEnd).trim();
      }
    }
    return valueEnd + 1;
  }
}
