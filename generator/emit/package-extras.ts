import { loadBulkEntities } from '../bulk/entities.ts';
import { emitBulkModules, type EmittedModule } from '../bulk/emit-bulk.ts';
import type { MergedModel } from '../model/merge.ts';
import { emitReportModules, readColumnKinds } from './emit-reports.ts';

/**
 * Modules a service's package carries beyond its client, from tables kept beside the specs:
 * the bulk package's record types and Bulk file functions, the reporting package's column
 * kinds and typed `downloadReport`. Each index line re-exports a module; `export *` so the
 * same line is valid in index.ts, index.js and index.d.ts (type-only names vanish from .js).
 */
export interface PackageExtras {
  modules: Record<string, EmittedModule>;
  indexLines: string[];
}

export async function packageExtras(
  service: string,
  model: MergedModel,
  header: string,
): Promise<PackageExtras> {
  if (service === 'bulk') {
    return {
      modules: emitBulkModules(loadBulkEntities()),
      indexLines: [
        `export * from './entities.js';\n`,
        `export { bulkEntityTable } from './entity-table.js';\n`,
        `export { downloadBulk, readBulkFile, uploadBulk, writeBulkFile } from './bulk-files.js';\n`,
      ],
    };
  }
  const reports = emitReportModules(model, await readColumnKinds(), header);
  if (reports) {
    return {
      modules: reports,
      indexLines: [
        `export * from './download-report.js';\n`,
        `export * from './report-columns.js';\n`,
      ],
    };
  }
  return { modules: {}, indexLines: [] };
}
