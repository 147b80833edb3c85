/**
 * Names and literals as they appear in generated TypeScript: identifiers, property keys,
 * string literals (quoted the way prettier prints them, so formatted output is stable),
 * method names and Microsoft Learn links.
 */

/** Words that cannot name an interface, type alias or const. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with implements interface let package private protected ' +
    'public static yield any boolean number string symbol object unknown never undefined bigint ' +
    'await async type of as satisfies'
  ).split(' '),
);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Whether `name` can be used as is for an exported type or const. */
export function isTypeName(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/** A property key: bare when it is an identifier (reserved words are fine as keys), else quoted. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : quote(name);
}

/**
 * A string literal as prettier (singleQuote) prints it: single quotes unless the text holds
 * more single than double quotes.
 */
export function quote(text: string): string {
  const singles = (text.match(/'/g) ?? []).length;
  const doubles = (text.match(/"/g) ?? []).length;
  const q = singles > doubles ? '"' : "'";
  let out = '';
  for (const ch of text) {
    if (ch === q || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\u2028' || ch === '\u2029')
      out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return q + out + q;
}

/** Operation name → client method name: `GetUser` → `getUser`, `GetBSCCountries` → `getBSCCountries`. */
export function methodName(operation: string): string {
  return operation.charAt(0).toLowerCase() + operation.slice(1);
}

/** `customer-management-service` → `Customer Management`. */
export function serviceTitle(docsSlug: string): string {
  return docsSlug
    .replace(/-service$/, '')
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** Microsoft Learn reference page of an operation or data object. */
export function docsUrl(docsSlug: string, page: string): string {
  return `https://learn.microsoft.com/en-us/advertising/${docsSlug}/${page.toLowerCase()}?view=bingads-13`;
}

/** `candidate`, or `candidate` with `_` appended until it is not in `taken`. Deterministic. */
export function freeName(candidate: string, taken: ReadonlySet<string>): string {
  let name = candidate;
  while (taken.has(name)) name += '_';
  return name;
}
