import { validateXML } from 'xmllint-wasm';
import type { SchemaFile } from '../wsdl/extract-schemas.ts';
import { envelopeSchema } from './envelope-schema.ts';

/** 1 GiB of wasm memory pages: campaign-management's schemas need more than the 32 MiB default. */
const MAX_MEMORY_PAGES = 16384;

export interface XsdValidator {
  /** Validates one SOAP envelope; resolves to the violations (empty when valid). */
  validate(envelopeXml: string): Promise<string[]>;
  /** Validates many envelopes in one xmllint run; one error list per input, same order. */
  validateMany(envelopes: string[]): Promise<string[][]>;
}

/**
 * Validates SOAP envelopes with libxml2 (xmllint-wasm) against a service's WSDL schemas.
 *
 * xmllint-wasm compiles the schemas on every call (~100-200 ms for the largest service) and
 * cannot keep them, so requests that arrive while a run is in flight are queued and validated
 * together in the next run: concurrent callers share one compilation.
 */
export function createXsdValidator(schemas: SchemaFile[]): XsdValidator {
  const main = envelopeSchema(schemas);
  const preload = schemas.map((s) => ({ fileName: s.fileName, contents: s.contents }));
  let queue: { xml: string; resolve: (e: string[]) => void; reject: (e: unknown) => void }[] = [];
  let running = false;
  let seq = 0;

  async function run(docs: string[]): Promise<string[][]> {
    const names = docs.map(() => `doc-${++seq}.xml`);
    const result = await validateXML({
      xml: docs.map((contents, i) => ({ fileName: names[i]!, contents })),
      schema: [{ fileName: main.fileName, contents: main.contents }],
      preload,
      maxMemoryPages: MAX_MEMORY_PAGES,
    });
    const out = docs.map((): string[] => []);
    if (result.valid) return out;
    const index = new Map(names.map((n, i) => [n, i]));
    for (const e of result.errors) {
      const i = e.loc ? index.get(e.loc.fileName) : undefined;
      const message = e.message.replace(/^.*?Schemas validity error : /, '');
      // Lines without a location are context/caret lines of the error before them: skipped.
      if (i !== undefined) out[i]!.push(message);
    }
    // xmllint says "<file> fails to validate" for each invalid document, even when no located
    // error was parsed for it: never report such a document as valid.
    for (const [j, n] of names.entries()) {
      if (out[j]!.length === 0 && result.rawOutput.includes(`${n} fails to validate`))
        out[j]!.push(`${n} fails to validate`);
    }
    return out;
  }

  function pump(): void {
    if (running || queue.length === 0) return;
    const batch = queue;
    queue = [];
    running = true;
    run(batch.map((b) => b.xml))
      .then((results) => batch.forEach((b, i) => b.resolve(results[i]!)))
      .catch((err: unknown) => batch.forEach((b) => b.reject(err)))
      .finally(() => {
        running = false;
        pump();
      });
  }

  return {
    validate(xml) {
      return new Promise((resolve, reject) => {
        queue.push({ xml, resolve, reject });
        pump();
      });
    },
    validateMany(docs) {
      return run(docs);
    },
  };
}
