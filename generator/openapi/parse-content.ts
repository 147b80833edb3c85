import type { ReaderContext } from './context.ts';
import { child } from './json-pointer.ts';
import { expectObject, type JsonObject } from './json.ts';
import { parseTypeRef, type ParsedRef } from './parse-type-ref.ts';

const JSON_MEDIA = 'application/json';

/**
 * The body schema of a request body or response: `content['application/json'].schema`.
 * The REST API speaks only JSON, so another media type would be a body this reader
 * cannot describe: SpecError. Absent `content` means no body (undefined).
 */
export function parseContent(
  ctx: ReaderContext,
  owner: JsonObject,
  pointer: string,
): ParsedRef | undefined {
  if (owner['content'] === undefined) return undefined;
  const contentPointer = child(pointer, 'content');
  const content = expectObject(ctx, owner['content'], contentPointer, 'content');
  let parsed: ParsedRef | undefined;
  for (const media in content) {
    const at = child(contentPointer, media);
    if (media !== JSON_MEDIA)
      ctx.fail(at, `unsupported media type '${media}' (only ${JSON_MEDIA})`);
    const entry = expectObject(ctx, content[media], at, 'media type object');
    if (entry['schema'] === undefined) {
      parsed = { type: { kind: 'primitive', primitive: 'any' }, nullable: false };
    } else {
      parsed = parseTypeRef(ctx, entry['schema'], child(at, 'schema'));
    }
  }
  return parsed;
}
