import { describe, expect, it } from 'vitest';
import {
  readBulkRecordsFromFile,
  writeBulkRecordsToFile,
} from '../../runtime/src/transfer/bulk/bulk-file.ts';
import { BulkFileError } from '../../runtime/src/transfer/bulk/errors.ts';
import type { AnyBulkRecord } from '../../runtime/src/transfer/bulk/records.ts';
import { entities, sampleRecord, table } from './fixtures.ts';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function roundTrip(
  records: AnyBulkRecord[],
  format: 'Csv' | 'Tsv' = 'Csv',
): Promise<AnyBulkRecord[]> {
  const bytes = Buffer.concat(await collect(writeBulkRecordsToFile(records, table, { format })));
  return collect(readBulkRecordsFromFile(bytes, table));
}

const FORMAT_VERSION = { Type: 'Format Version', Name: '6.0' };

describe('Bulk records: read(write(records)) equals records', () => {
  it.each(entities.entities.map((e) => e.type))('%s', async (type) => {
    const records =
      type === 'Format Version'
        ? [sampleRecord(type)]
        : [FORMAT_VERSION, sampleRecord(type), sampleRecord(type, 1)];
    expect(await roundTrip(records)).toEqual(records);
  });

  it('every covered entity in one TSV file, with errors, extra cells and unknown Types', async () => {
    const records: AnyBulkRecord[] = [FORMAT_VERSION];
    for (const e of entities.entities) {
      if (e.type === 'Format Version') continue;
      records.push(sampleRecord(e.type));
    }
    records.push({ Type: 'Hologram Ad', values: { Id: '7', 'Hologram Depth': '3 m' } });
    records.push({
      Type: 'Keyword',
      Id: '12',
      Keyword: 'red shoes',
      Bid: 'delete_value',
      extra: { 'Brand New Column': 'x' },
      errors: [
        {
          Type: 'Keyword Error',
          Error: 'InvalidBid',
          'Error Number': '1042',
          values: { Id: '12' },
        },
        {
          Type: 'Keyword Error',
          Error: 'CampaignServiceInvalidUrl',
          'Error Number': '2611',
          'Field Path': 'FinalUrls',
          values: { Id: '12' },
        },
      ],
    });
    expect(await roundTrip(records, 'Tsv')).toEqual(records);
  });
});

describe('Bulk file reader', () => {
  const file = (lines: string[]): Buffer => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);

  it('attaches error rows to the record they follow, and keeps ErrorsOnly errors as records', async () => {
    const records = await collect(
      readBulkRecordsFromFile(
        file([
          'Type,Id,Parent Id,Keyword,Bid,Error,Error Number',
          'Format Version,,,,,,',
          'Keyword,1,2,shoes,0.5,,',
          'Keyword Error,1,2,shoes,0.5,InvalidBid,1042',
          'Campaign Error,,,,,CampaignServiceInvalidName,1100',
          'Campaign Error,,,,,CampaignServiceDuplicate,1101',
        ]),
        table,
      ),
    );
    expect(records).toEqual([
      { Type: 'Format Version' },
      {
        Type: 'Keyword',
        Id: '1',
        'Parent Id': '2',
        Keyword: 'shoes',
        Bid: 0.5,
        errors: [
          {
            Type: 'Keyword Error',
            Error: 'InvalidBid',
            'Error Number': '1042',
            values: { Id: '1', 'Parent Id': '2', Keyword: 'shoes', Bid: '0.5' },
          },
        ],
      },
      {
        Type: 'Campaign',
        errors: [
          {
            Type: 'Campaign Error',
            Error: 'CampaignServiceInvalidName',
            'Error Number': '1100',
            values: {},
          },
          {
            Type: 'Campaign Error',
            Error: 'CampaignServiceDuplicate',
            'Error Number': '1101',
            values: {},
          },
        ],
      },
    ]);
  });

  it('a number column that is not a number is a BulkFileError naming row and column', async () => {
    const read = collect(readBulkRecordsFromFile(file(['Type,Id,Bid', 'Keyword,1,lots']), table));
    await expect(read).rejects.toThrow(BulkFileError);
    await expect(read).rejects.toThrow(/line 2, column 'Bid'/);
  });

  it('a file without a Type column is a BulkFileError', async () => {
    await expect(collect(readBulkRecordsFromFile(file(['Id,Bid']), table))).rejects.toThrow(
      /no Type column/,
    );
  });
});

describe('Bulk file writer', () => {
  it('writes the Format Version record first when the records lack it', async () => {
    const bytes = Buffer.concat(
      await collect(writeBulkRecordsToFile([{ Type: 'Keyword', Id: '5' } as AnyBulkRecord], table)),
    ).toString('utf8');
    expect(bytes.split('\r\n').slice(0, 3)).toEqual([
      '\uFEFFType,Name,Id',
      'Format Version,6.0,',
      'Keyword,,5',
    ]);
  });

  it('a property that is not a column of its Type is a BulkFileError', async () => {
    await expect(
      collect(writeBulkRecordsToFile([{ Type: 'Keyword', ParentId: '5' } as AnyBulkRecord], table)),
    ).rejects.toThrow(/'ParentId' is not a column of this Type/);
  });

  it('a value of the wrong kind is a BulkFileError', async () => {
    await expect(
      collect(writeBulkRecordsToFile([{ Type: 'Keyword', Bid: '0.5' } as AnyBulkRecord], table)),
    ).rejects.toThrow(BulkFileError);
  });
});
