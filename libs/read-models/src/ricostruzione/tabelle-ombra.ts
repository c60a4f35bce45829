import type pg from 'pg';

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function identificatore(nome: string): string {
  if (!IDENT.test(nome)) throw new RangeError(`not a plain SQL identifier: ${nome}`);
  return nome;
}

/**
 * Shadow copies of a projection's tables in their own schema, with the same names: the projection's
 * SQL (unqualified names) writes into them when `search_path` puts that schema first. Columns,
 * defaults, generated columns and checks come from the live tables; keys and the indexes the
 * projection needs while writing are built at once, every other index at the end (faster replay).
 */
export async function creaOmbre(client: pg.ClientBase, schema: string, tabelle: readonly string[], indiciDiLavoro: readonly string[]): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS ${identificatore(schema)} CASCADE`);
  await client.query(`CREATE SCHEMA ${schema}`);
  for (const tabella of tabelle.map(identificatore)) {
    await client.query(
      `CREATE TABLE ${schema}.${tabella} (LIKE public.${tabella} INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS INCLUDING IDENTITY INCLUDING STORAGE)`,
    );
    const { rows: vincoli } = await client.query<{ nome: string; definizione: string }>(
      `SELECT conname AS nome, pg_get_constraintdef(oid) AS definizione FROM pg_constraint
        WHERE conrelid = ('public.' || $1)::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
      [tabella],
    );
    for (const v of vincoli) await client.query(`ALTER TABLE ${schema}.${tabella} ADD CONSTRAINT ${identificatore(v.nome)} ${v.definizione}`);
  }
  await creaIndici(client, schema, tabelle, (nome) => indiciDiLavoro.includes(nome));
}

/** Builds, on the shadow tables, the live tables' indexes (not backing a constraint) that `scegli` picks and that are missing. */
export async function creaIndici(client: pg.ClientBase, schema: string, tabelle: readonly string[], scegli: (nome: string) => boolean): Promise<string[]> {
  const { rows } = await client.query<{ nome: string; tabella: string; definizione: string }>(
    `SELECT i.indexname AS nome, i.tablename AS tabella, i.indexdef AS definizione FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.contype IN ('p', 'u', 'x') AND c.conindid = ('public.' || quote_ident(i.indexname))::regclass)
        AND NOT EXISTS (SELECT 1 FROM pg_indexes o WHERE o.schemaname = $2 AND o.indexname = i.indexname)
      ORDER BY i.tablename, i.indexname`,
    [tabelle, schema],
  );
  const creati: string[] = [];
  for (const r of rows.filter((x) => scegli(x.nome))) {
    const pubblica = ` ON public.${r.tabella} `;
    if (!r.definizione.includes(pubblica)) throw new Error(`unexpected index definition: ${r.definizione}`);
    await client.query(r.definizione.replace(pubblica, ` ON ${schema}.${r.tabella} `));
    creati.push(r.nome);
  }
  return creati;
}

/**
 * The live tables' own triggers (e.g. totals kept per statement) on the shadow tables, for the
 * catch-up after the replay and for after the swap. The replay itself runs without them (faster);
 * what they maintain is filled by the projection's `completa` before.
 */
export async function copiaTrigger(client: pg.ClientBase, schema: string, tabelle: readonly string[]): Promise<void> {
  const { rows } = await client.query<{ tabella: string; definizione: string }>(
    `SELECT c.relname AS tabella, pg_get_triggerdef(t.oid) AS definizione FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = ANY($1::text[]) AND NOT t.tgisinternal ORDER BY t.tgname`,
    [tabelle],
  );
  for (const r of rows) {
    const pubblica = ` ON public.${r.tabella} `;
    if (!r.definizione.includes(pubblica)) throw new Error(`unexpected trigger definition: ${r.definizione}`);
    await client.query(r.definizione.replace(pubblica, ` ON ${identificatore(schema)}.${r.tabella} `));
  }
}

/**
 * Swaps the shadow tables in, inside the caller's transaction: the live ones move to `ritirate`
 * (dropped after commit), the shadows to `public`, names, keys and index names unchanged.
 * The caller holds ACCESS EXCLUSIVE locks on the live tables.
 */
export async function scambiaOmbre(client: pg.ClientBase, schema: string, ritirate: string, tabelle: readonly string[]): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS ${identificatore(ritirate)} CASCADE`);
  await client.query(`CREATE SCHEMA ${ritirate}`);
  for (const tabella of tabelle.map(identificatore)) {
    await client.query(`ALTER TABLE public.${tabella} SET SCHEMA ${ritirate}`);
    await client.query(`ALTER TABLE ${identificatore(schema)}.${tabella} SET SCHEMA public`);
  }
}
