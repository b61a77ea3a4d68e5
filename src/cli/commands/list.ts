import { catalogListing } from '../../catalog/listing.js';
import { listJson } from '../../formats/list/json.js';
import { listTable } from '../../formats/list/table.js';
import { colorFor } from '../color.js';
import { loadCatalogOrFail } from '../context.js';
import { EXIT } from '../errors.js';
import type { Io } from '../io.js';

export interface ListOptions {
  catalog?: string;
  json?: boolean;
  color: boolean;
}

export async function runList(options: ListOptions, io: Io): Promise<number> {
  const { catalog } = loadCatalogOrFail(io, options.catalog);
  const listing = catalogListing(catalog);
  if (options.json) {
    io.stdout.write(listJson(listing));
  } else {
    const color = await colorFor(io.stdout, io, options.color);
    io.stdout.write(listTable(listing, { width: io.stdout.columns ?? 100, ...(color ? { color } : {}) }));
  }
  return EXIT.ok;
}
