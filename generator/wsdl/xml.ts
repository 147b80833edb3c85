import { SpecError } from '../model/errors.ts';
import { elementPath } from './place.ts';

/**
 * A small, strict XML tokenizer and tree builder, written for the WSDL reader.
 *
 * Why our own: the largest WSDL (campaign-management, 1.4 MB) must parse in well under
 * 300 ms, QName-valued attributes (`type="q1:Foo"`) need the namespace scope of the very
 * element that carries them (WCF declares `xmlns:q1` on that element), and errors must name
 * a line. A single forward scan with `indexOf` gives all three; entity processing is off
 * (only the five predefined entities and character references are decoded, a DOCTYPE is
 * rejected), so there is no expansion to guard against.
 */

/** Prefix → namespace URI, chained to the parent scope through the prototype chain. */
export type NamespaceScope = Readonly<Record<string, string>>;

/** Key of the default namespace in a scope (`#` cannot start a prefix). */
export const DEFAULT_NS_KEY = '#default';

export interface XmlElement {
  /** Qualified name exactly as written (`xs:complexType`). */
  readonly tag: string;
  /** Namespace URI the prefix (or default namespace) resolves to; '' for none. */
  readonly ns: string;
  readonly local: string;
  /** Attributes by their qualified name as written, values decoded. */
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Character data directly inside the element, decoded; '' when only whitespace. */
  text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
  readonly parent: XmlElement | undefined;
  readonly scope: NamespaceScope;
}

/** The parser's view: children start as one shared empty array (most elements are leaves). */
interface MutableElement extends XmlElement {
  children: XmlElement[];
}

const NO_CHILDREN: XmlElement[] = [];

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Parses a whole document into its root element. Throws SpecError on malformed input. */
export function parseXml(xml: string, file: string): XmlElement {
  const len = xml.length;
  let pos = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const stack: MutableElement[] = [];
  let root: MutableElement | undefined;
  const rootScope: Record<string, string> = Object.create(null) as Record<string, string>;
  rootScope['xml'] = XML_NS;

  // Lines are counted incrementally: positions asked for only ever move forward. The next
  // newline is remembered, so a position before it costs nothing: searching for it again on
  // every element made a document with long lines quadratic.
  let line = 1;
  let scanned = 0;
  let nextNewline = xml.indexOf('\n');
  const lineAt = (p: number): number => {
    while (nextNewline !== -1 && nextNewline < p) {
      line++;
      nextNewline = xml.indexOf('\n', nextNewline + 1);
    }
    if (p > scanned) scanned = p;
    return line;
  };
  function fail(p: number, problem: string): never {
    const at = p < scanned ? countLines(xml, p) : lineAt(p);
    const col = p - xml.lastIndexOf('\n', p - 1);
    const top = stack[stack.length - 1];
    throw new SpecError(
      file,
      top ? elementPath(top) : '/',
      `invalid XML: ${problem} (line ${at}, column ${col})`,
    );
  }
  const decode = (raw: string, start: number): string => {
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
      const semi = raw.indexOf(';', amp);
      if (semi === -1) fail(start + amp, "'&' that starts no entity reference");
      const name = raw.slice(amp + 1, semi);
      let ch: string | undefined = Object.hasOwn(PREDEFINED, name) ? PREDEFINED[name] : undefined;
      if (ch === undefined && /^#[0-9]+$/.test(name)) ch = safeCodePoint(Number(name.slice(1)));
      if (ch === undefined && /^#x[0-9a-fA-F]+$/.test(name))
        ch = safeCodePoint(parseInt(name.slice(2), 16));
      if (ch === undefined)
        fail(start + amp, `unknown entity '&${name};' (entity processing is off)`);
      out += raw.slice(from, amp) + ch;
      from = semi + 1;
    }
    return out + raw.slice(from);
  };
  const text = (from: number, to: number): void => {
    let p = from;
    while (p < to && isSpace(xml.charCodeAt(p))) p++;
    if (p === to) return;
    const top = stack[stack.length - 1];
    if (!top) fail(p, 'text outside the root element');
    const raw = xml.slice(from, to);
    top.text += raw.includes('&') ? decode(raw, from) : raw;
  };

  while (pos < len) {
    const lt = xml.indexOf('<', pos);
    const end = lt === -1 ? len : lt;
    if (end > pos) text(pos, end);
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      const e = xml.indexOf('?>', lt + 2);
      if (e === -1) fail(lt, 'unterminated processing instruction');
      pos = e + 2;
    } else if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const e = xml.indexOf('-->', lt + 4);
        if (e === -1) fail(lt, 'unterminated comment');
        pos = e + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const e = xml.indexOf(']]>', lt + 9);
        if (e === -1) fail(lt, 'unterminated CDATA section');
        const top = stack[stack.length - 1];
        if (!top) fail(lt, 'CDATA outside the root element');
        top.text += xml.slice(lt + 9, e);
        pos = e + 3;
      } else if (xml.startsWith('<!DOCTYPE', lt)) {
        return fail(lt, 'DOCTYPE is not supported (entity processing is off)');
      } else {
        return fail(lt, "unexpected '<!'");
      }
    } else if (next === 47 /* / */) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt === -1) fail(lt, 'unterminated end tag');
      const name = xml.slice(lt + 2, gt).trimEnd();
      const top = stack[stack.length - 1];
      if (!top) fail(lt, `end tag </${name}> without a start tag`);
      if (top.tag !== name)
        fail(lt, `end tag </${name}> does not match <${top.tag}> (line ${top.line})`);
      stack.pop();
      pos = gt + 1;
    } else {
      pos = openTag(lt);
    }
  }
  const open = stack[stack.length - 1];
  if (open) fail(len, `element <${open.tag}> opened at line ${open.line} is never closed`);
  if (!root) fail(len, 'no root element');
  return root;

  /** Reads a start tag at `lt`; returns the position after it. */
  function openTag(lt: number): number {
    let p = lt + 1;
    while (p < len) {
      const c = xml.charCodeAt(p);
      if (isSpace(c) || c === 62 /* > */ || c === 47 /* / */) break;
      p++;
    }
    const tag = xml.slice(lt + 1, p);
    if (!isName(tag)) fail(lt, `bad element name '${tag}'`);
    // A plain object (not Object.create(null), which V8 keeps in slow dictionary mode):
    // WCF writes attributes in a few fixed orders, so these share hidden classes.
    const attrs: Record<string, string> = {};
    let declares = false;
    let prefixed = false;
    let selfClosing = false;
    for (;;) {
      const wsStart = p;
      while (p < len && isSpace(xml.charCodeAt(p))) p++;
      if (p >= len) fail(lt, `unterminated start tag <${tag}>`);
      const c = xml.charCodeAt(p);
      if (c === 62 /* > */) {
        p++;
        break;
      }
      if (c === 47 /* / */) {
        if (xml.charCodeAt(p + 1) !== 62) fail(p, `expected '/>' in <${tag}>`);
        selfClosing = true;
        p += 2;
        break;
      }
      if (p === wsStart) fail(p, `missing whitespace before an attribute in <${tag}>`);
      const nameStart = p;
      while (p < len) {
        const d = xml.charCodeAt(p);
        if (d === 61 /* = */ || isSpace(d) || d === 62 || d === 47) break;
        p++;
      }
      const name = xml.slice(nameStart, p);
      // `__proto__` would reach the prototype setter of the plain attrs object.
      if (!isName(name) || name === '__proto__')
        fail(nameStart, `bad attribute name '${name}' in <${tag}>`);
      while (p < len && isSpace(xml.charCodeAt(p))) p++;
      if (xml.charCodeAt(p) !== 61) fail(p, `attribute '${name}' in <${tag}> has no value`);
      p++;
      while (p < len && isSpace(xml.charCodeAt(p))) p++;
      const quote = xml[p];
      if (quote !== '"' && quote !== "'") fail(p, `attribute '${name}' in <${tag}> is not quoted`);
      const close = xml.indexOf(quote, p + 1);
      if (close === -1) fail(p, `unterminated value of attribute '${name}'`);
      let value = xml.slice(p + 1, close);
      if (value.includes('<')) fail(p, `'<' in the value of attribute '${name}'`);
      if (value.includes('&')) value = decode(value, p + 1);
      if (value.includes('\n') || value.includes('\t') || value.includes('\r'))
        value = value.replace(/[\t\n\r]/g, ' ');
      if (Object.hasOwn(attrs, name)) fail(nameStart, `duplicate attribute '${name}' in <${tag}>`);
      attrs[name] = value;
      if (name.includes(':')) {
        if (name.startsWith('xmlns:')) declares = true;
        else prefixed = true;
      } else if (name === 'xmlns') {
        declares = true;
      }
      p = close + 1;
    }

    const parent = stack[stack.length - 1];
    if (!parent && root) fail(lt, `second root element <${tag}>`);
    let scope: Record<string, string> = (parent?.scope ?? rootScope) as Record<string, string>;
    if (declares) scope = Object.create(scope) as Record<string, string>;
    for (const name in declares ? attrs : {}) {
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
      const uri = attrs[name]!;
      if (name === 'xmlns') scope[DEFAULT_NS_KEY] = uri;
      else if (uri === '')
        fail(lt, `namespace prefix '${name.slice(6)}' undeclared with an empty URI`);
      else scope[name.slice(6)] = uri;
    }
    const colon = tag.indexOf(':');
    const prefix = colon === -1 ? undefined : tag.slice(0, colon);
    const ns = prefix === undefined ? (scope[DEFAULT_NS_KEY] ?? '') : scope[prefix];
    if (ns === undefined) fail(lt, `unknown prefix '${prefix}' in element name <${tag}>`);
    for (const name in prefixed ? attrs : {}) {
      const ac = name.indexOf(':');
      if (ac === -1 || name.startsWith('xmlns:')) continue;
      if (scope[name.slice(0, ac)] === undefined)
        fail(lt, `unknown prefix '${name.slice(0, ac)}' in attribute '${name}'`);
    }
    const el: MutableElement = {
      tag,
      ns,
      local: colon === -1 ? tag : tag.slice(colon + 1),
      attrs,
      children: NO_CHILDREN,
      text: '',
      line: lineAt(lt),
      parent,
      scope,
    };
    if (!parent) root = el;
    else if (parent.children === NO_CHILDREN) parent.children = [el];
    else parent.children.push(el);
    if (!selfClosing) stack.push(el);
    return p;
  }
}

/**
 * An XML name with at most one colon (namespaces): starts with a letter, '_' or a non-ASCII
 * character; continues with those, digits, '-' and '.'. Checked by char codes because it
 * runs for every tag and attribute.
 */
function isName(name: string): boolean {
  const n = name.length;
  if (n === 0 || !isNameStart(name.charCodeAt(0))) return false;
  let colon = -1;
  for (let i = 1; i < n; i++) {
    const c = name.charCodeAt(i);
    if (c === 58 /* : */) {
      if (colon !== -1 || i === n - 1 || !isNameStart(name.charCodeAt(i + 1))) return false;
      colon = i;
    } else if (!isNameStart(c) && !(c >= 48 && c <= 57) && c !== 45 && c !== 46 && c !== 0xb7) {
      return false;
    }
  }
  return true;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0xc0;
}

function safeCodePoint(n: number): string | undefined {
  if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
  return String.fromCodePoint(n);
}

function countLines(xml: string, p: number): number {
  let n = 1;
  for (let i = xml.indexOf('\n'); i !== -1 && i < p; i = xml.indexOf('\n', i + 1)) n++;
  return n;
}
