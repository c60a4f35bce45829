import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One CSV cell in SQL, for the listing's export: PostgreSQL writes whole lines, so the export
 * moves one string per row to Node instead of two dozen (faster, less garbage, flat memory).
 * Same rules as `cella` in listing-csv.ts: empty for NULL; an apostrophe before a leading
 * = + - @ tab or CR (OWASP "CSV injection"); quotes, doubled inside, when the cell holds a
 * quote, a semicolon or a line break. A single expression, so the planner inlines it.
 */
export class Csv1732600200003 implements MigrationInterface {
  name = 'Csv1732600200003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION rm_csv(v text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
          WHEN v IS NULL OR v = '' THEN ''
          WHEN v ~ '^[=+\\-@\\t\\r]' AND v ~ '[";\\r\\n]' THEN '"' || replace('''' || v, '"', '""') || '"'
          WHEN v ~ '^[=+\\-@\\t\\r]' THEN '''' || v
          WHEN v ~ '[";\\r\\n]' THEN '"' || replace(v, '"', '""') || '"'
          ELSE v
        END
      $$;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION rm_csv(text)');
  }
}
