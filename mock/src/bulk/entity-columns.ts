import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Bulk record types and columns the mock knows: Microsoft's reference as extracted into
 * generator/bulk/entities.json (facts, the same the bulk package is generated from). The mock
 * reads them itself and parses files with csv-parse directly, so it shares no reader code
 * with the client it tests.
 */

export interface MockBulkColumn {
  name: string;
  kind: 'text' | 'number' | 'list' | 'enum';
  values?: string[];
  valuesClosed?: boolean;
  add: string | null;
}

/**
 * `$ADSGEN_MOCK_BULK_ENTITIES`, else the copy the build puts in the package's specs/ (seen from
 * the bundle, mock/dist, or the sources, mock/src/bulk), else the checkout's
 * generator/bulk/entities.json.
 */
function entitiesFile(): string {
  const fromEnv = process.env['ADSGEN_MOCK_BULK_ENTITIES'];
  if (fromEnv) return fromEnv;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, '..', 'specs', 'bulk-entities.json'),
    join(here, '..', '..', 'specs', 'bulk-entities.json'),
    join(here, '..', '..', '..', 'generator', 'bulk', 'entities.json'),
    join(here, '..', '..', 'generator', 'bulk', 'entities.json'),
  ];
  const found = candidates.find((f) => existsSync(f));
  if (!found)
    throw new Error(
      `@adsgen/mock: the Bulk entity table was not found (looked in ${candidates.join(', ')}); set ADSGEN_MOCK_BULK_ENTITIES`,
    );
  return found;
}

let cached: Map<string, MockBulkColumn[]> | undefined;

export function bulkColumns(): Map<string, MockBulkColumn[]> {
  if (!cached) {
    const data = JSON.parse(readFileSync(entitiesFile(), 'utf8')) as {
      entities: { type: string; columns: MockBulkColumn[] }[];
    };
    cached = new Map(data.entities.map((e) => [e.type, e.columns]));
  }
  return cached;
}
