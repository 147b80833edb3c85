/**
 * Facts read straight from WSDL text with regular expressions, independently of the
 * reader, so whole-spec tests compare two different readings of the same file. These
 * patterns rely on how WCF writes its single-file WSDLs (one attribute order, `xs:` and
 * `wsdl:` prefixes, no comments); they are test oracles, not a parser.
 */

export function section(xml: string, open: RegExp, close: string): string {
  const start = xml.search(open);
  if (start === -1) throw new Error(`no ${open}`);
  const end = xml.indexOf(close, start);
  return xml.slice(start, end + close.length);
}

export function portTypeOperationNames(xml: string): string[] {
  const portType = section(xml, /<wsdl:portType /, '</wsdl:portType>');
  return [...portType.matchAll(/<wsdl:operation name="([^"]+)"/g)].map((m) => m[1]!);
}

export interface BindingOpText {
  action: string;
  inputHeaders: string[];
  outputHeaders: string[];
  faults: string[];
}

/** Per binding operation: soapAction, soap:header parts per direction, fault names. */
export function bindingOperations(xml: string): Map<string, BindingOpText> {
  const binding = section(xml, /<wsdl:binding /, '</wsdl:binding>');
  const ops = new Map<string, BindingOpText>();
  for (const m of binding.matchAll(
    /<wsdl:operation name="([^"]+)">([\s\S]*?)<\/wsdl:operation>/g,
  )) {
    const body = m[2]!;
    const parts = (dir: string) =>
      [
        ...section(body, new RegExp(`<wsdl:${dir}[ >]`), `</wsdl:${dir}>`).matchAll(
          /<soap:header [^>]*part="([^"]+)"/g,
        ),
      ].map((p) => p[1]!);
    ops.set(m[1]!, {
      action: /soapAction="([^"]*)"/.exec(body)![1]!,
      inputHeaders: parts('input'),
      outputHeaders: parts('output'),
      faults: [...body.matchAll(/<wsdl:fault name="([^"]+)"/g)].map((f) => f[1]!),
    });
  }
  return ops;
}

/** Named complexTypes with the names of the elements in their body (in order). */
export function namedComplexTypes(
  xml: string,
): { name: string; elements: { name: string; type?: string }[] }[] {
  return [...xml.matchAll(/<xs:complexType name="([^"]+)">([\s\S]*?)<\/xs:complexType>/g)].map(
    (m) => ({ name: m[1]!, elements: elementsIn(m[2]!) }),
  );
}

/** Top-level elements declared with an anonymous complexType (`<xs:element name="X">`). */
export function anonymousElementTypes(
  xml: string,
): { name: string; elements: { name: string; type?: string }[] }[] {
  return [
    ...xml.matchAll(/<xs:element name="([^"]+)">\s*<xs:complexType>([\s\S]*?)<\/xs:complexType>/g),
  ].map((m) => ({ name: m[1]!, elements: elementsIn(m[2]!) }));
}

function elementsIn(body: string): { name: string; type?: string }[] {
  return [...body.matchAll(/<xs:element ([^>]*)>/g)].map((e) => {
    const attrs = e[1]!;
    const type = / type="([^"]+)"/.exec(attrs)?.[1];
    return type === undefined
      ? { name: / name="([^"]+)"/.exec(' ' + attrs)![1]! }
      : { name: / name="([^"]+)"/.exec(' ' + attrs)![1]!, type };
  });
}

export function namedSimpleTypes(xml: string): string[] {
  return [...xml.matchAll(/<xs:simpleType name="([^"]+)">/g)].map((m) => m[1]!);
}

export function count(xml: string, re: RegExp): number {
  return [...xml.matchAll(re)].length;
}
