import type { CatalogListing } from '../../catalog/listing.js';

export function listJson(listing: CatalogListing): string {
  return `${JSON.stringify(listing, null, 2)}\n`;
}
