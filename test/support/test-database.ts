export {
  adminUrl,
  assertTestDatabaseName,
  createTestDatabase,
  withAdmin,
  withDatabase,
  type TestDatabase,
} from '../../libs/platform/src/database/scratch-database.js';
