import { Zip, ZipDeflate } from 'fflate';

/**
 * A report file as Microsoft writes it (Report File Schema in Microsoft's reporting guide):
 * quoted CSV, or TSV; an optional header of `"Key: value"` lines ending with `"Rows: N"`, a
 * blank line, the column names, the rows, a blank line and the copyright footer. Values are
 * made up from the column's name, deterministic per row index.
 */
export interface ReportFileSpec {
  columns: string[];
  format: 'Csv' | 'Tsv';
  rows: number;
  reportName: string;
  aggregation: string;
  excludeHeader: boolean;
  excludeFooter: boolean;
  excludeColumnHeaders: boolean;
}

export const REPORT_FOOTER = '©2026 Microsoft Corporation. All rights reserved. ';

function line(fields: string[], format: 'Csv' | 'Tsv'): string {
  return format === 'Tsv'
    ? `${fields.join('\t')}\r\n`
    : `${fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')}\r\n`;
}

/** A value for `column` in row `i`, shaped like Microsoft's: ids digits, money 2 decimals, rates with %. */
export function sampleValue(column: string, i: number): string {
  if (/Id$/.test(column)) return String(1_000_000 + (i % 5000));
  if (/(Percent|Rate|Ctr)$/.test(column)) return `${((i * 37) % 10000) / 100}%`;
  if (/^(Spend|Revenue|AverageCpc|AverageCpm|CostPer|ReturnOnAdSpend)/.test(column))
    return (((i * 131) % 100000) / 100).toFixed(2);
  if (/(Impressions|Clicks|Conversions|Calls|Assists)$/.test(column))
    return String((i * 7919) % 100000);
  if (column === 'TimePeriod') return `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`;
  if (column === 'CurrencyCode') return 'USD';
  return `${column} ${i} "quoted", with comma`;
}

/** The report's text, in chunks of about `chunkRows` lines. */
export function* reportLines(spec: ReportFileSpec, chunkRows = 2000): Generator<string> {
  const { format } = spec;
  let out = '';
  if (!spec.excludeHeader) {
    for (const h of [
      `Report Name: ${spec.reportName}`,
      'Report Time: 11/1/2026,11/28/2026',
      'Time Zone: (GMT-08:00) Pacific Time (US & Canada); Tijuana',
      'Last Completed Available Day: 11/29/2026 10:15:00 PM (GMT)',
      'Last Completed Available Hour: 11/29/2026 10:15:00 PM (GMT)',
      `Report Aggregation: ${spec.aggregation}`,
      'Report Filter: ',
      'Potential Incomplete Data: false',
      `Rows: ${spec.rows}`,
    ])
      out += line([h], format);
    out += '\r\n';
  }
  if (!spec.excludeColumnHeaders) out += line(spec.columns, format);
  for (let i = 0; i < spec.rows; i++) {
    out += line(
      spec.columns
        .map((c) => sampleValue(c, i))
        .map((v) => (format === 'Tsv' ? v.replaceAll('\t', ' ') : v)),
      format,
    );
    if ((i + 1) % chunkRows === 0) {
      yield out;
      out = '';
    }
  }
  if (!spec.excludeFooter) out += `\r\n${line([REPORT_FOOTER], format)}`;
  yield out;
}

/** The report zipped as one entry, `<name>.csv` or `.tsv`, as a list of chunks. */
export function zipReport(spec: ReportFileSpec, entryName: string): Buffer {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    parts.push(data);
  });
  const file = new ZipDeflate(`${entryName}.${spec.format.toLowerCase()}`, { level: 6 });
  zip.add(file);
  const encoder = new TextEncoder();
  for (const chunk of reportLines(spec)) file.push(encoder.encode(chunk), false);
  file.push(new Uint8Array(0), true);
  zip.end();
  return Buffer.concat(parts);
}
