import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ambienteDiProva, richiesta, type AmbienteDiProva } from '../../../../libs/read-models/src/testing/ambiente-di-prova.js';
import { COMANDI } from '../comandi.js';
import { eseguiCli } from '../programma.js';

/** The auditor's CLI against a real database: output, and exit codes scripts rely on (0 ok, 1 check failed, 2 usage). */
describe('cli storia, audit, rebuild, export', () => {
  let t: AmbienteDiProva;
  let cartella: string;
  let env: Record<string, string>;
  let cig: string;
  const esegui = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const codice = await eseguiCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, env, COMANDI);
    return { codice, out: out.join('\n'), err: err.join('\n') };
  };

  beforeAll(async () => {
    t = await ambienteDiProva();
    cartella = mkdtempSync(join(tmpdir(), 'cli-consultazione-'));
    env = { DATABASE_URL: t.db.url, DATA_DIR: cartella, LOG_LEVEL: 'silent' };
    const r = richiesta({ oggetto: 'Servizio di pulizia', creataIl: '2024-01-10T09:00:00.000Z', inviataIl: '2024-01-11T09:00:00.000Z', confermataIl: '2024-02-01T09:00:00.000Z', utilizzati: [0] });
    cig = r.cig[0];
    await t.scrivi(r.flussi);
    await t.scrivi(richiesta({ oggetto: 'Fornitura di toner', ufficio: 'UFF-B', creataIl: '2024-03-10T09:00:00.000Z' }).flussi);
    await t.eventi();
  });
  afterAll(async () => {
    await t?.close();
    rmSync(cartella, { recursive: true, force: true });
  });

  it('storia: the state as of a date, from the events; exit 1 for an unknown CIG, 2 for bad usage', async () => {
    const oggi = await esegui('storia', cig);
    expect(oggi.codice).toBe(0);
    expect(oggi.out).toMatch(/CIG: PERFEZIONATO, utilizzato/);
    const prima = await esegui('storia', cig, '--al', '15/01/2024');
    expect(prima.out).toMatch(/CIG: non ancora assegnato/);
    expect(prima.out).toMatch(/richiesta .*: Richiesta/);
    expect(JSON.parse((await esegui('storia', cig, '--json')).out)).toMatchObject({ cig, stato: { appalto: { statoRichiesta: 'Perfezionata' } } });
    expect((await esegui('storia', 'B00012EADB')).codice).toBe(1);
    expect((await esegui('storia', 'B00012EADC')).codice).toBe(2);
    expect((await esegui('storia', cig, '--al', 'ieri')).codice).toBe(2);
    expect((await esegui('storia')).codice).toBe(2);
  });

  it('rebuild builds a projection and swaps it in; unknown projections are a usage error', async () => {
    for (const nome of ['listing', 'audit']) {
      const r = await esegui('rebuild', nome);
      expect([nome, r.codice, r.err]).toEqual([nome, 0, expect.stringContaining('tabelle scambiate')]);
    }
    expect((await t.db.pool.query('SELECT count(*)::int AS n FROM rm_cig_listing')).rows[0].n).toBe(2);
    expect((await esegui('rebuild', 'nessuna')).codice).toBe(2);
  });

  it('audit verifica: 0 on an intact trail, 1 naming the record after tampering; export verified offline', async () => {
    expect(await esegui('audit', 'verifica')).toMatchObject({ codice: 0, out: expect.stringMatching(/registro integro: \d+ record/) });
    const file = join(cartella, 'audit.jsonl');
    expect((await esegui('audit', 'esporta', file)).codice).toBe(0);
    const pem = join(cartella, 'chiave.pem');
    writeFileSync(pem, (await esegui('audit', 'chiave-pubblica')).out);
    expect((await esegui('audit', 'verifica-export', file, '--chiave-pubblica', pem)).codice).toBe(0);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"tipo":"LottoAggiunto"', '"tipo":"LottoRimosso"'));
    const alterato = await esegui('audit', 'verifica-export', file, '--chiave-pubblica', pem);
    expect(alterato).toMatchObject({ codice: 1, out: expect.stringMatching(/ALTERATO al record 2/) });

    await t.db.pool.query("UPDATE rm_audit SET attore = 'qualcun.altro' WHERE seq = 3");
    const verifica = await esegui('audit', 'verifica');
    expect(verifica).toMatchObject({ codice: 1, out: expect.stringMatching(/ALTERATO al record 3 \(evento [0-9a-f-]{36}\)/) });
    expect((await esegui('audit', 'boh')).codice).toBe(2);
    expect((await esegui('audit', 'verifica-export', file)).codice).toBe(2);
  });

  it('export writes the listing CSV with the filters, every office unless --ufficio', async () => {
    const file = join(cartella, 'cig.csv');
    expect((await esegui('export', file)).codice).toBe(0);
    expect(readFileSync(file, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(3);
    expect((await esegui('export', file, '--oggetto', 'toner', '--ufficio', 'UFF-A')).codice).toBe(0);
    expect(readFileSync(file, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(1);
    const sbagliato = await esegui('export', file, '--valoreDa', '10', '--valoreA', '1');
    expect(sbagliato).toMatchObject({ codice: 2, err: expect.stringContaining('--valoreDa') });
  });
});
