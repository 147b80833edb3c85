import { readFileSync } from 'node:fs';
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

const FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'generator',
  'bulk',
  'entities.json',
);

let cached: Map<string, MockBulkColumn[]> | undefined;

export function bulkColumns(): Map<string, MockBulkColumn[]> {
  if (!cached) {
    const data = JSON.parse(readFileSync(FILE, 'utf8')) as {
      entities: { type: string; columns: MockBulkColumn[] }[];
    };
    cached = new Map(data.entities.map((e) => [e.type, e.columns]));
  }
  return cached;
}
