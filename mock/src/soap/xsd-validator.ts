import { validateXML } from 'xmllint-wasm';
import type { SchemaFile } from '../wsdl/extract-schemas.ts';
import { envelopeSchema } from './envelope-schema.ts';

/** 1 GiB of wasm memory pages: campaign-management's schemas need more than the 32 MiB default. */
const MAX_MEMORY_PAGES = 16384;

/** How long a run waits for the previous run's callers to come back (see pump). */
const GATHER_MS = 25;

export interface XsdValidator {
  /** Validates one SOAP envelope; resolves to the violations (empty when valid). */
  validate(envelopeXml: string): Promise<string[]>;
  /** Validates many envelopes in one xmllint run; one error list per input, same order. */
  validateMany(envelopes: string[]): Promise<string[][]>;
  /** xmllint runs so far and the documents they validated (how well requests were batched). */
  readonly stats: { runs: number; documents: number };
}

/**
 * Validates SOAP envelopes with libxml2 (xmllint-wasm) against a service's WSDL schemas.
 *
 * xmllint-wasm starts a worker and compiles the schemas on every call (for
 * campaign-management, nearly all of its time goes before the first document) and cannot keep them, so
 * `validate` calls are batched: those arriving in the same turn of the event loop, or while a
 * run is in flight, are validated together in one run. xmllint reports each violation with
 * the file it is in, so every caller gets only its own document's violations.
 */
export function createXsdValidator(schemas: SchemaFile[]): XsdValidator {
  const main = envelopeSchema(schemas);
  const preload = schemas.map((s) => ({ fileName: s.fileName, contents: s.contents }));
  let queue: { xml: string; resolve: (e: string[]) => void; reject: (e: unknown) => void }[] = [];
  let running = false;
  let scheduled = false;
  let seq = 0;
  const stats = { runs: 0, documents: 0 };

  async function run(docs: string[]): Promise<string[][]> {
    const names = docs.map(() => `doc-${++seq}.xml`);
    stats.runs++;
    stats.documents += docs.length;
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

  // Gathering: after a run, the next one waits (at most GATHER_MS) until as many documents
  // are queued as there were callers known when the run ended (its own plus those already
  // queued), since the callers it answered mostly send their next request within
  // milliseconds. Without it, a straggler that arrived during the run starts the next run
  // alone and the follow-ups wait a whole run for it: batches alternate 1, N, 1, N. A lone
  // sequential caller never waits (its target is 1).
  let target = 0;
  let gathering: ReturnType<typeof setTimeout> | undefined;

  function pump(): void {
    if (running || queue.length === 0) return;
    if (queue.length < target) {
      gathering ??= setTimeout(() => {
        gathering = undefined;
        target = 0;
        pump();
      }, GATHER_MS);
      return;
    }
    if (gathering !== undefined) clearTimeout(gathering);
    gathering = undefined;
    const batch = queue;
    queue = [];
    running = true;
    run(batch.map((b) => b.xml))
      .then((results) => batch.forEach((b, i) => b.resolve(results[i]!)))
      .catch((err: unknown) => batch.forEach((b) => b.reject(err)))
      .finally(() => {
        running = false;
        target = batch.length + queue.length;
        pump();
      });
  }

  return {
    validate(xml) {
      return new Promise((resolve, reject) => {
        queue.push({ xml, resolve, reject });
        // Not at once: requests parsed in the same I/O turn join this one's run.
        if (!scheduled) {
          scheduled = true;
          setImmediate(() => {
            scheduled = false;
            pump();
          });
        }
      });
    },
    validateMany(docs) {
      return run(docs);
    },
    stats,
  };
}
