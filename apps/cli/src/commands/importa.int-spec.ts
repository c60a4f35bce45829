import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campioneCigAnac } from '#anac';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { COMANDI } from '../comandi.js';
import { eseguiCli } from '../programma.js';

/** `cli import <file.csv>` against a real database: report on stdout, progress on stderr, exit codes. */
describe('cli import', () => {
  let db: TestDatabase;
  let dir: string;
  const env = { ...process.env };
  beforeAll(async () => {
    db = await createTestDatabase(8);
    dir = mkdtempSync(join(tmpdir(), 'cli-import-'));
    process.env.DATABASE_URL = db.url;
    process.env.LOG_LEVEL = 'silent';
  });
  afterAll(async () => {
    process.env = env;
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const esegui = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const codice = await eseguiCli(['import', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) }, process.env, COMANDI);
    return { codice, out, err };
  };

  it('imports a file, shows progress, reports rejected lines (exit 1), and a second run adds nothing', async () => {
    const file = join(dir, 'cig.csv');
    writeFileSync(file, [...campioneCigAnac(3_000, { cigErrati: [3] })].join(''));
    const primo = await esegui([file, '--ufficio', 'UFF-TOSCANA-GARE']);
    expect(primo.codice).toBe(1);
    expect(primo.err.some((l) => /^  3000 righe lette, 2999 importate, 0 già presenti, 1 scartate/.test(l))).toBe(true);
    expect(primo.out[0]).toMatch(/^righe: 3000, importate: 2999, già presenti: 0, scartate: 1, eventi: \d+/);
    expect(primo.out[1]).toMatch(/^riga 4 \(.+\): cig /);
    const conta = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n);
    const eventi = await conta();
    const secondo = await esegui([file]);
    expect(secondo.codice).toBe(1);
    expect(secondo.out[0]).toMatch(/^righe: 3000, importate: 0, già presenti: 2999, scartate: 1, /);
    expect(await conta()).toBe(eventi);
  });

  it('usage and missing files: exit 2', async () => {
    expect((await esegui([])).codice).toBe(2);
    expect((await esegui([join(dir, 'manca.csv')])).codice).toBe(2);
  });
});
