import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campioneCigAnac, generaCig } from '#anac';
import { cli } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * The compiled CLI as a process, as scripts run it: the exit code is the command's (0 ok, 1 check
 * failed or not found, 2 usage), whatever libraries hook on the process's exit; help for the CLI and
 * for every command; usage errors in Italian.
 */
describe('the CLI as a process: exit codes and help', () => {
  it('--help, -h and help [comando], for the CLI and for each command: exit 0, usage in Italian', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = await cli(args);
      expect([args, r.codice]).toEqual([args, 0]);
      expect(r.out).toMatch(/^Uso: cli <comando>/);
      expect(r.out).toMatch(/Comandi:[\s\S]*valida-cig[\s\S]*storia[\s\S]*audit/);
      expect(r.out).toMatch(/Codici di uscita: 0 .*1 .*2 uso errato/);
    }
    for (const comando of ['valida-cig', 'token', 'import', 'storia', 'audit', 'rebuild', 'export']) {
      for (const args of [[comando, '--help'], [comando, '-h'], ['help', comando]]) {
        const r = await cli(args);
        expect([args, r.codice, r.out]).toEqual([args, 0, expect.stringMatching(new RegExp(`^Uso: cli ${comando}`))]);
      }
    }
    const sotto = await cli(['audit', 'verifica-export', '--help']);
    expect(sotto).toMatchObject({ codice: 0, out: expect.stringMatching(/--chiave-pubblica <pem>/) });
    // Not a code to validate.
    expect((await cli(['valida-cig', '--help'])).out).not.toMatch(/--HELP/);
  }, 120_000);

  it('usage errors exit 2 with an Italian message; valida-cig exits 1 on an invalid code', async () => {
    const casi: Array<[string[], RegExp]> = [
      [[], /^Uso: cli/m],
      [['boh'], /comando sconosciuto: boh/],
      [['storia'], /argomento mancante: <cig>/],
      [['storia', 'B00012EADB', 'altro'], /troppi argomenti/],
      [['storia', 'B00012EADB', '--boh'], /opzione sconosciuta: --boh/],
      [['storia', 'B00012EADC'], /codice CIG non valido/],
      [['token'], /opzione obbligatoria mancante: --utente/],
      [['audit'], /Uso: cli audit/],
      [['audit', 'verifica-export', 'x.jsonl'], /opzione obbligatoria mancante: --chiave-pubblica/],
      [['valida-cig'], /argomento mancante/],
    ];
    for (const [args, messaggio] of casi) {
      const r = await cli(args);
      expect([args, r.codice, r.err]).toEqual([args, 2, expect.stringMatching(messaggio)]);
      expect(r.err).not.toMatch(/error:|unknown|missing|Usage/);
    }
    expect(await cli(['valida-cig', 'B00012EADB'])).toMatchObject({ codice: 0, out: 'B00012EADB\tvalido\tSIMOG_PCP\t-\n' });
    expect(await cli(['valida-cig', 'B00012EADB', 'B00012EADC'])).toMatchObject({ codice: 1, out: expect.stringMatching(/B00012EADC\tnon valido/) });
  }, 120_000);

  describe('against a database', () => {
    let db: TestDatabase;
    let cartella: string;
    let env: Record<string, string>;
    beforeAll(async () => {
      db = await createTestDatabase(2);
      cartella = mkdtempSync(join(tmpdir(), 'cli-processo-'));
      chmodSync(cartella, 0o755);
      env = { DATABASE_URL: db.url, DATA_DIR: cartella };
    });
    afterAll(async () => {
      await db?.drop();
      rmSync(cartella, { recursive: true, force: true });
    });

    it('import, token, storia, rebuild, audit: 0 when all is well, 1 on a rejected row, an unknown CIG or user, a tampered export', async () => {
      const buono = join(cartella, 'cig.csv');
      writeFileSync(buono, [...campioneCigAnac(12)].join(''));
      expect((await cli(['import', buono, '--ufficio', 'UFF-TOSCANA-GARE'], env)).codice).toBe(0);
      const errato = join(cartella, 'errato.csv');
      writeFileSync(errato, [...campioneCigAnac(4, { cigErrati: [3] })].join(''));
      expect((await cli(['import', errato], env)).codice).toBe(1);
      expect((await cli(['import', join(cartella, 'manca.csv')], env)).codice).toBe(2);

      expect((await cli(['token', '--utente', 'paola.neri'], env)).codice).toBe(0);
      expect((await cli(['token', '--utente', 'nessuno'], env)).codice).toBe(1);

      const cig = generaCig('SIMOG_NUMERICO', 1_000_001);
      expect(await cli(['storia', cig], env)).toMatchObject({ codice: 0, out: expect.stringContaining(`CIG ${cig}`) });
      expect((await cli(['storia', generaCig('SIMOG_NUMERICO', 9_999_999)], env)).codice).toBe(1);

      expect((await cli(['rebuild', 'audit'], env)).codice).toBe(0);
      expect((await cli(['rebuild', 'nessuna'], env)).codice).toBe(2);
      expect(await cli(['audit', 'verifica'], env)).toMatchObject({ codice: 0, out: expect.stringMatching(/registro integro/) });
      const pem = join(cartella, 'chiave.pem');
      const chiave = await cli(['audit', 'chiave-pubblica'], env);
      expect(chiave).toMatchObject({ codice: 0, out: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/) });
      writeFileSync(pem, chiave.out);
      const file = join(cartella, 'audit.jsonl');
      expect((await cli(['audit', 'esporta', file], env)).codice).toBe(0);
      expect(await cli(['audit', 'verifica-export', file, '--chiave-pubblica', pem])).toMatchObject({ codice: 0, out: expect.stringMatching(/registro integro/) });

      const righe = readFileSync(file, 'utf8').split('\n');
      const i = righe.findIndex((r) => r.startsWith('{"riga":"record"'));
      righe[i] = righe[i].replace(/"tipo":"[^"]*"/, '"tipo":"EventoInventato"');
      writeFileSync(file, righe.join('\n'));
      const alterato = await cli(['audit', 'verifica-export', file, '--chiave-pubblica', pem]);
      expect(alterato).toMatchObject({ codice: 1, out: expect.stringMatching(/registro NON integro: \w+ al record \d+/) });

      const csv = join(cartella, 'elenco.csv');
      expect((await cli(['export', csv, '--valoreDa', '10', '--valoreA', '1'], env)).codice).toBe(2);
      expect((await cli(['export', csv, '--oggetto', 'pulizia'], env)).codice).toBe(0);
    }, 240_000);
  });
});
