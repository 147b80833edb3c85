// Child of the bulk bench: downloads the mock's account file through the generated bulk
// package (REST; GetBulkDownloadStatus, loopback download, unzip, CSV parse, typed records) and
// prints {records, ms} for the download and parse alone.
import { StaticTokenProvider } from '@adsgen/runtime';
import { BulkClient, downloadBulk } from '../../../generated/bulk/dist/index.js';

const [origin, token, customerId, accountId] = process.argv.slice(2);
const client = new BulkClient({
  protocol: 'rest',
  environment: 'sandbox',
  developerToken: 'BBD37VB98',
  endpoint: origin,
  auth: new StaticTokenProvider(token),
  customerId,
  accountId,
  retry: false,
});
const started = performance.now();
let records = 0;
let keywords = 0;
for await (const r of downloadBulk(
  client,
  { AccountIds: [accountId], DownloadEntities: ['Campaigns', 'AdGroups', 'Keywords', 'Ads'] },
  { pollIntervalMs: 1 },
)) {
  records++;
  if (r.Type === 'Keyword' && typeof r.Bid === 'number') keywords++;
}
const ms = performance.now() - started;
await client.close();
process.stdout.write(JSON.stringify({ records, keywords, ms }));
