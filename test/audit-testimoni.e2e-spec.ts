import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verificaControfirma, type RispostaTestimone } from '#read-models';
import { preparaAd5 } from './support/appalti.js';
import { CLI_MAIN } from './support/cli.js';
import { assertBuilt, inAscolto, portaLibera, runProgram, runService, type ServiceProcess } from './support/process.js';
import { eventually, SENZA_LIMITE_RICHIESTE, send, tokenDiSviluppo } from './support/service.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { riscriviIlRegistro, testaFirmataStabile } from './support/audit.js';

/**
 * The service publishes each signed tree head to the witnesses of AUDIT_TESTIMONI and shows their
 * countersignatures: the compiled service and a compiled witness (`cli audit testimone --ascolta`),
 * each a process. The witness starts after the service (heads wait for it), goes down and comes
 * back (nothing lost), and refuses a head of a trail rewritten after the head it countersigned.
 */
describe('audit trail: heads published to a witness over HTTP', () => {
  let db: TestDatabase;
  let servizio: ServiceProcess;
  let url: string;
  let dataDir: string;
  let cartella: string;
  let porta: number;
  let testimone: ServiceProcess | undefined;
  let token: () => Promise<string>;
  const buyer = () => ({ request: async (metodo: string, percorso: string, corpo?: unknown) => send(url, metodo, percorso, corpo, { authorization: `Bearer ${await token()}` }) });
  const get = (percorso: string) => send(url, 'GET', percorso);
  const dirTestimone = () => join(cartella, 'testimone');
  const dimensioni = async () => (await db.pool.query<{ d: string }>('SELECT dimensione::text AS d FROM rm_audit_sth ORDER BY dimensione')).rows.map((r) => r.d);
  const testaStabile = () => testaFirmataStabile(() => get('/audit/sth'), db.pool);
  const avviaTestimone = async () => {
    const chiavi = join(cartella, 'chiavi.pem');
    writeFileSync(chiavi, (await get('/audit/sth/chiavi?formato=pem')).text);
    testimone = runProgram(CLI_MAIN, ['audit', 'testimone', '--ascolta', String(porta), '--dir', dirTestimone(), '--url', url, '--chiave-pubblica', chiavi], {});
    await testimone.waitFor(/in ascolto su http/, 30_000);
  };
  const fermaTestimone = async () => {
    testimone?.child.kill('SIGTERM');
    await testimone?.exited();
    testimone = undefined;
  };
  const chiaveTestimone = async () => (await send(`http://127.0.0.1:${porta}`, 'GET', '/chiave')).body as { chiave: string; chiavePubblica: string };
  /** Every head signed so far carries a countersignature of the witness that verifies with its key. */
  const tutteControfirmate = (chiave: string) =>
    eventually(async () => {
      const ds = await dimensioni();
      for (const d of ds) {
        const testa = (await get(`/audit/sth?dimensione=${d}`)).body;
        const c = testa.controfirme?.[0];
        if (!c) return undefined;
        const esito = verificaControfirma(testa, { formato: 'cig-ledger/audit-sth-testimone/v1', testimone: c.chiave, chiavePubblica: (await chiaveTestimone()).chiavePubblica, firma: c.firma } as RispostaTestimone, chiave);
        expect([c.testimone, esito.valida, c.ricevutaIl]).toEqual([`http://127.0.0.1:${porta}`, true, expect.stringMatching(/^\d{4}-/)]);
      }
      return ds;
    }, 90_000, 'every head countersigned');

  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase(4);
    dataDir = mkdtempSync(join(tmpdir(), 'audit-testimoni-dati-'));
    cartella = mkdtempSync(join(tmpdir(), 'audit-testimoni-'));
    porta = await portaLibera();
    servizio = runService({
      ...SENZA_LIMITE_RICHIESTE,
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: '0',
      SUBSCRIPTION_POLL_MS: '50',
      AUDIT_STH_EVERY: '3',
      AUDIT_STH_SECONDS: '0',
      AUDIT_CHECKPOINT_EVERY: '100000',
      AUDIT_TESTIMONI: `http://127.0.0.1:${porta}/`,
    });
    url = await inAscolto(servizio, 90_000);
    token = () => tokenDiSviluppo(dataDir, 'francesca.bianchi');
  });
  afterAll(async () => {
    await fermaTestimone();
    servizio?.child.kill('SIGTERM');
    await servizio?.exited();
    await db?.drop();
    for (const d of [dataDir, cartella]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('heads signed while the witness is not yet up wait for it; once up, every head is countersigned and shown in GET /audit/sth and GET /audit/testimoni', async () => {
    await preparaAd5(buyer());
    await preparaAd5(buyer());
    const testa = await testaStabile();
    const inAttesa = await eventually(async () => {
      const t = (await get('/audit/testimoni')).body.testimoni?.[0];
      return t?.ultimoErrore && t.inAttesa > 0 ? t : undefined;
    }, 30_000, 'the witness shown unreachable');
    expect(inAttesa).toMatchObject({ testimone: `http://127.0.0.1:${porta}`, ultimaDimensioneControfirmata: null, rifiuto: null, ultimoErrore: expect.stringMatching(/POST http:\/\/127\.0\.0\.1/) });
    expect((await get(`/audit/sth?dimensione=${testa.dimensione}`)).body.controfirme).toEqual([]);

    await avviaTestimone();
    const { chiave } = await chiaveTestimone();
    const ds = await tutteControfirmate(chiave);
    expect(ds.length).toBeGreaterThanOrEqual(2);
    const stato = (await get('/audit/testimoni')).body.testimoni[0];
    expect(stato).toMatchObject({ chiave, ultimaDimensioneControfirmata: ds.at(-1), inAttesa: 0, ultimoErrore: null, rifiuto: null });
    expect(readdirSync(join(dirTestimone(), 'teste'))).toHaveLength(ds.length);
    // Published in order: each head after the first checked against the one before it.
    expect(testimone!.output()).toMatch(new RegExp(`testa ${ds[1]} controfirmata e conservata: la testa di dimensione ${ds[1]} estende quella conservata di dimensione ${ds[0]}`));
  });

  it('a witness down for a while misses nothing: the heads signed meanwhile are published when it is back', async () => {
    const { chiave } = await chiaveTestimone();
    const prima = (await dimensioni()).length;
    await fermaTestimone();
    await preparaAd5(buyer());
    await preparaAd5(buyer());
    await testaStabile();
    expect((await dimensioni()).length).toBeGreaterThan(prima + 1);
    await eventually(async () => ((await get('/audit/testimoni')).body.testimoni[0].inAttesa > 0 ? true : undefined), 30_000, 'heads waiting for the witness');
    await avviaTestimone();
    const ds = await tutteControfirmate(chiave);
    expect(ds.length).toBeGreaterThan(prima + 1);
    expect(readdirSync(join(dirTestimone(), 'teste'))).toHaveLength(ds.length);
  });

  it('a rewrite after a countersigned head is refused by the witness (409, a report kept) and shown in GET /audit/testimoni; the rewritten head has no countersignature', async () => {
    const controfirmata = await testaStabile();
    await eventually(async () => ((await get('/audit/testimoni')).body.testimoni[0].ultimaDimensioneControfirmata === controfirmata.dimensione ? true : undefined), 60_000, 'the last head countersigned');
    await riscriviIlRegistro(db.pool);

    await preparaAd5(buyer());
    const riscritta = await testaStabile();
    expect(Number(riscritta.dimensione)).toBeGreaterThan(Number(controfirmata.dimensione));
    const stato = await eventually(async () => {
      const t = (await get('/audit/testimoni')).body.testimoni[0];
      return t.rifiuto ? t : undefined;
    }, 60_000, 'the refusal shown');
    expect(stato).toMatchObject({
      ultimaDimensioneControfirmata: controfirmata.dimensione,
      rifiuto: { tipo: 'INCONSISTENTE', dettaglio: expect.stringMatching(new RegExp(`non estende quella conservata di dimensione ${controfirmata.dimensione}`)) },
    });
    expect((await get(`/audit/sth?dimensione=${riscritta.dimensione}`)).body.controfirme).toEqual([]);
    expect(readdirSync(join(dirTestimone(), 'allarmi')).length).toBeGreaterThanOrEqual(1);
    const rapporto = JSON.parse(readFileSync(join(dirTestimone(), 'allarmi', readdirSync(join(dirTestimone(), 'allarmi'))[0]!), 'utf8'));
    expect(rapporto).toMatchObject({ esito: 'INCONSISTENTE', conservata: { dimensione: controfirmata.dimensione, radice: controfirmata.radice } });
    expect(servizio.output()).toMatch(/il testimone rifiuta la testa firmata/);
  });
});
