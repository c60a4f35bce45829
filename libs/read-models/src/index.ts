export { createReadModelDataSource, migrateReadModels, readModelMigrations } from './data-source.js';
export { listingProjection } from './listing/listing.projection.js';
export { trasmissioniProjection } from './trasmissioni/trasmissioni.projection.js';
