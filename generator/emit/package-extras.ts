import { loadBulkEntities } from '../bulk/entities.ts';
import { emitBulkModules, type EmittedModule } from '../bulk/emit-bulk.ts';

/**
 * Modules a service's package carries beyond its client, from tables kept beside the specs:
 * the bulk package's record types and Bulk file functions. Each module's index line re-exports it.
 */
export interface PackageExtras {
  modules: Record<string, EmittedModule>;
  indexLines: string[];
}

export function packageExtras(service: string): PackageExtras {
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
  return { modules: {}, indexLines: [] };
}
