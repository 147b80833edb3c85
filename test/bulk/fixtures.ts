import { bulkEntityTableData } from '../../generator/bulk/emit-bulk.ts';
import { loadBulkEntities, type BulkColumn } from '../../generator/bulk/entities.ts';
import type { AnyBulkRecord, BulkEntityTable } from '../../runtime/src/transfer/bulk/records.ts';

export const entities = loadBulkEntities();
export const table: BulkEntityTable = bulkEntityTableData(entities);

/** A value for every column of a Type, of the column's kind, with text that needs CSV quoting. */
export function sampleRecord(type: string, seed = 0): AnyBulkRecord {
  const entity = entities.entities.find((e) => e.type === type);
  if (!entity) throw new Error(`no entity ${type}`);
  const record: AnyBulkRecord = { Type: type };
  entity.columns.forEach((c, i) => {
    record[c.name] = sampleValue(c, i + seed);
  });
  return record;
}

function sampleValue(c: BulkColumn, i: number): unknown {
  switch (c.kind) {
    case 'number':
      return i % 3 === 0 ? 0.05 * (i + 1) : i + 1;
    case 'list':
      return [`https://contoso.example/${i}?a=1,b=2`, `https://m.contoso.example/${i}`];
    case 'enum':
      return c.values![i % c.values!.length];
    default:
      return i % 4 === 0 ? `${c.name} "quoted", and\tmore; text ${i}` : `v${i}`;
  }
}
