export {
  adminUrl,
  assertTestDatabaseName,
  createTestDatabase,
  withAdmin,
  withDatabase,
  type TestDatabase,
} from '../../libs/platform/src/testing/scratch-database.js';
