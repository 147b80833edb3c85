import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../specs/manifest.ts';

/**
 * The Bulk entity tables (generator/bulk/entities.json, extracted from Microsoft's Bulk reference
 * by scripts/bulk/extract-entities.ts): per record Type, its columns in reference order.
 */

export type BulkColumnKind = 'text' | 'number' | 'list' | 'enum';

export interface BulkColumn {
  name: string;
  kind: BulkColumnKind;
  /** Documented values of a value-set column. */
  values?: string[];
  /** The values come from the reference's value table (a closed set), not from a sentence. */
  valuesClosed?: boolean;
  add: string | null;
  update: string | null;
  delete: string | null;
  /** The column takes `delete_value` on update. */
  deleteValue?: boolean;
}

export interface BulkEntity {
  type: string;
  /** The reference page (`keyword` → …/bulk-service/keyword). */
  page: string;
  columns: BulkColumn[];
}

export interface BulkEntities {
  source: { repository: string; commit: string; path: string };
  formatVersion: string;
  entities: BulkEntity[];
}

/** In the checkout (the generator also runs compiled from dist/, where the JSON is not copied). */
export const BULK_ENTITIES_FILE = join(REPO_ROOT, 'generator', 'bulk', 'entities.json');

export function loadBulkEntities(file: string = BULK_ENTITIES_FILE): BulkEntities {
  return JSON.parse(readFileSync(file, 'utf8')) as BulkEntities;
}
