import { bulkColumns } from './entity-columns.ts';

/**
 * The mock's checks of an uploaded record, from the reference's facts: the Type must be one the
 * reference describes (4203 BulkServiceUnknownTypeForRow), a number column must hold a number
 * (633 InvalidBidAmount), a column a new record requires must be set (203 NullParameter), a
 * closed value set must hold the value, and a Keyword must have text (1503).
 */

export interface RowError {
  code: number;
  errorCode: string;
  fieldPath?: string;
}

export function checkRow(type: string, cells: Map<string, string>): RowError | undefined {
  const columns = bulkColumns().get(type);
  if (!columns) return { code: 4203, errorCode: 'BulkServiceUnknownTypeForRow' };
  const isNew = !cells.get('Id') || cells.get('Id')!.startsWith('-');
  for (const c of columns) {
    const v = cells.get(c.name) ?? '';
    if (v === '' || v === 'delete_value') {
      if (isNew && c.add === 'Required') {
        if (type === 'Keyword' && c.name === 'Keyword')
          return { code: 1503, errorCode: 'CampaignServiceInvalidKeywordText', fieldPath: 'Text' };
        return { code: 203, errorCode: 'NullParameter', fieldPath: c.name };
      }
      continue;
    }
    if (c.kind === 'number' && !Number.isFinite(Number(v)))
      return { code: 633, errorCode: 'InvalidBidAmount', fieldPath: c.name };
    if (c.kind === 'enum' && c.valuesClosed && c.values && !c.values.includes(v))
      return { code: 203, errorCode: 'NullParameter', fieldPath: c.name };
  }
  return undefined;
}
