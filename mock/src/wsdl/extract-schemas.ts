/**
 * Cuts the xs:schema elements out of a WSDL's text as standalone .xsd files for xmllint.
 *
 * Done on the text, not on a parsed tree, so the schemas xmllint compiles are byte-for-byte
 * Microsoft's (no re-serialization to get wrong). Two edits make each one standalone: the
 * namespace declarations in scope from wsdl:definitions are copied onto the xs:schema start
 * tag, and each `xs:import namespace="…"` gets a schemaLocation naming the extracted file of
 * that namespace. Nothing is written to disk or committed: the files live in memory only.
 */
export interface SchemaFile {
  fileName: string;
  namespace: string;
  contents: string;
}

export function extractSchemas(wsdlText: string, filePrefix: string): SchemaFile[] {
  const rootTag = /<([\w.-]+:)?definitions\b[^>]*>/.exec(wsdlText)?.[0] ?? '';
  const rootDecls = [...rootTag.matchAll(/\sxmlns(:[\w.-]+)?="[^"]*"/g)].map((m) => ({
    attr: m[0].trim(),
    name: `xmlns${m[1] ?? ''}`,
  }));
  const blocks = [...wsdlText.matchAll(/<([\w.-]+:)?schema\b[\s\S]*?<\/\1schema>/g)].map(
    (m) => m[0],
  );
  const files = blocks.map((block, i) => {
    const namespace = /^<[^>]*\stargetNamespace="([^"]*)"/.exec(block)?.[1] ?? '';
    return { fileName: `${filePrefix}-${i}.xsd`, namespace, block };
  });
  const locationOf = new Map(files.map((f) => [f.namespace, f.fileName]));
  return files.map(({ fileName, namespace, block }) => {
    const startTag = /^<[^>]*>/.exec(block)![0];
    const inherited = rootDecls.filter((d) => !startTag.includes(` ${d.name}=`)).map((d) => d.attr);
    const openEnd = startTag.endsWith('/>') ? startTag.length - 2 : startTag.length - 1;
    let contents = `${startTag.slice(0, openEnd)} ${inherited.join(' ')}${startTag.slice(openEnd)}${block.slice(startTag.length)}`;
    contents = contents.replace(
      /<([\w.-]+:)?import\s+namespace="([^"]*)"\s*\/>/g,
      (whole, prefix: string | undefined, ns: string) => {
        const loc = locationOf.get(ns);
        return loc ? `<${prefix ?? ''}import namespace="${ns}" schemaLocation="${loc}" />` : whole;
      },
    );
    return { fileName, namespace, contents: `<?xml version="1.0" encoding="utf-8"?>\n${contents}` };
  });
}
