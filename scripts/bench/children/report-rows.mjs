// One bench run of the report pipeline, in a fresh process so its peak RSS is its own.
//   node report-rows.mjs ours <url> <columns,comma,separated>   downloadReport over a stub
//     client whose poll hands out <url> (a loopback file server): download, unzip, CSV, typed rows
//   node report-rows.mjs csv-parse <file.csv>                  csv-parse alone on the unzipped file,
//     from the column-name row on (its best case: with the one-field header lines first it would
//     build an error object for every data row of another length)
// Prints `{"rows":N,"ms":T}`.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const [mode, target, columns] = process.argv.slice(2);
/** The report header's nine lines and the blank line after them. */
const HEADER_LINES = 10;
const started = performance.now();
let rows = 0;
if (mode === 'ours') {
  const { downloadReport } = await import('../../../generated/reporting/dist/index.js');
  const client = {
    submitGenerateReport: async () => ({ ReportRequestId: '1' }),
    pollGenerateReport: async () => ({
      ReportRequestStatus: { Status: 'Success', ReportDownloadUrl: target },
    }),
  };
  const request = {
    Type: 'CampaignPerformanceReportRequest',
    Columns: columns.split(','),
    Format: 'Csv',
  };
  for await (const row of downloadReport(client, request)) if (row) rows++;
} else {
  const parser = createReadStream(target).pipe(
    parse({ from_line: HEADER_LINES + 1, relax_column_count: true }),
  );
  for await (const record of parser) if (record) rows++;
}
process.stdout.write(JSON.stringify({ rows, ms: performance.now() - started }));
