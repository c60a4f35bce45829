import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashRecord, portachiavi, verificaTesta, type RecordAudit } from '#read-models';
import { createHash } from 'node:crypto';
import { cigConfermato, preparaAd5 } from './support/appalti.js';
import { cli } from './support/cli.js';
import { assertBuilt, inAscolto, runService, type ServiceProcess } from './support/process.js';
import { eventually, SENZA_LIMITE_RICHIESTE, send, tokenDiSviluppo, type TestResponse, type UserClient } from './support/service.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { riscriviIlRegistro, testaFirmataStabile } from './support/audit.js';

/** The compiled service as a process, on a scratch database, with its bundled ANAC simulator. */
interface Servizio {
  readonly url: string;
  readonly db: TestDatabase;
  readonly dataDir: string;
  request(metodo: string, percorso: string, corpo?: unknown): Promise<TestResponse>;
  as(userId: string): UserClient;
  close(): Promise<void>;
}

async function avviaServizio(env: Record<string, string>): Promise<Servizio> {
  assertBuilt();
  const db = await createTestDatabase(4);
  const dataDir = mkdtempSync(join(tmpdir(), 'audit-merkle-dati-'));
  const processo: ServiceProcess = runService({ ...env, DATABASE_URL: db.url, DATA_DIR: dataDir, PORT: '0', SUBSCRIPTION_POLL_MS: '50' });
  const url = await inAscolto(processo, 90_000);
  const token = (userId: string) => tokenDiSviluppo(dataDir, userId);
  return {
    url,
    db,
    dataDir,
    request: (metodo, percorso, corpo) => send(url, metodo, percorso, corpo),
    as: (userId) => ({ request: async (metodo, percorso, corpo, headers = {}) => send(url, metodo, percorso, corpo, { authorization: `Bearer ${await token(userId)}`, ...headers }) }),
    async close() {
      processo.child.kill('SIGTERM');
      await processo.exited();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The Merkle tree of the audit trail over HTTP and offline: signed heads (public), inclusion and
 * consistency proofs checked by the compiled CLI with only the public keys, and the witness
 * (`cli audit testimone`) that catches what the hash chain misses: events and chain rewritten
 * consistently by someone with write access to the database, after the head it kept. The
 * compiled service and the compiled CLI, each a process of its own.
 */

describe('audit trail: signed tree heads, proofs, witness', () => {
  let t: Servizio;
  let cartella: string;
  let chiavi: string;
  let env: Record<string, string>;
  const auditor = () => t.as('paola.neri');
  const buyer = () => t.as('francesca.bianchi');
  const file = (nome: string, contenuto: unknown) => {
    const f = join(cartella, nome);
    writeFileSync(f, typeof contenuto === 'string' ? contenuto : JSON.stringify(contenuto));
    return f;
  };
  const testaStabile = () => testaFirmataStabile(() => t.request('GET', '/audit/sth'), t.db.pool);

  beforeAll(async () => {
    t = await avviaServizio({ ...SENZA_LIMITE_RICHIESTE, AUDIT_STH_EVERY: '3', AUDIT_STH_SECONDS: '0', AUDIT_CHECKPOINT_EVERY: '100000' });
    cartella = mkdtempSync(join(tmpdir(), 'audit-merkle-'));
    env = { DATABASE_URL: t.db.url, DATA_DIR: t.dataDir, AUDIT_CHECKPOINT_EVERY: '100000' };
    await preparaAd5(buyer());
    await preparaAd5(buyer());
    const pem = await t.request('GET', '/audit/sth/chiavi?formato=pem');
    expect(pem.status).toBe(200);
    chiavi = file('chiavi.pem', pem.text);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(cartella, { recursive: true, force: true });
  });

  it('GET /audit/sth is public: the latest head or the one of a size, signed with the published key; bad or unknown sizes are a 400 or 404 in Italian', async () => {
    const testa = await testaStabile();
    expect(Number(testa.dimensione) % 3).toBe(0);
    expect(verificaTesta(testa, portachiavi([readFileSync(chiavi, 'utf8')]))).toBe('VALIDA');
    const a3 = await t.request('GET', '/audit/sth?dimensione=3');
    expect([a3.status, a3.body.dimensione, a3.body.radice]).toEqual([200, '3', expect.stringMatching(/^[0-9a-f]{64}$/)]);
    const assente = await t.request('GET', '/audit/sth?dimensione=4');
    expect([assente.status, assente.body.code]).toEqual([404, 'TESTA_NON_TROVATA']);
    const errata = await t.request('GET', '/audit/sth?dimensione=tre');
    expect([errata.status, errata.body.errors?.[0]?.campo]).toEqual([400, 'query.dimensione']);
    const senzaDa = await t.request('GET', '/audit/consistenza');
    expect([senzaDa.status, senzaDa.body.errors?.[0]?.messaggio]).toEqual([400, 'obbligatorio']);
    // Inclusion proofs carry the records (who acted): the trail's readers only.
    expect((await t.request('GET', '/audit/inclusione?seq=1')).status).toBe(401);
    expect((await buyer().request('GET', '/audit/inclusione?seq=1')).status).toBe(403);
  });

  it('inclusion and consistency proofs verify offline with the CLI (exit 0); an altered record or head fails (1); a missing file is usage (2)', async () => {
    const testa = await testaStabile();
    const inclusione = await auditor().request('GET', `/audit/inclusione?seq=1,2,${testa.dimensione}`);
    expect(inclusione.status).toBe(200);
    expect(inclusione.body.prove).toHaveLength(3);
    const fileInclusione = file('inclusione.json', inclusione.body);
    expect(await cli(['audit', 'verifica-inclusione', fileInclusione, '--chiave-pubblica', chiavi])).toMatchObject({ codice: 0, out: expect.stringMatching(/inclusione verificata: 3 record/) });
    const alterato = structuredClone(inclusione.body);
    alterato.prove[1].record.motivazione = 'aggiunta dopo';
    alterato.prove[1].record.hash = hashRecord(alterato.prove[1].record);
    expect(await cli(['audit', 'verifica-inclusione', file('alterato.json', alterato), '--chiave-pubblica', chiavi])).toMatchObject({ codice: 1, out: expect.stringMatching(/NON_INCLUSO: record 2/) });
    expect((await cli(['audit', 'verifica-inclusione', join(cartella, 'manca.json'), '--chiave-pubblica', chiavi])).codice).toBe(2);

    const testa3 = file('testa-3.json', (await t.request('GET', '/audit/sth?dimensione=3')).body);
    const consistenza = await t.request('GET', `/audit/consistenza?da=3&a=${testa.dimensione}`);
    expect(consistenza.status).toBe(200);
    const fileConsistenza = file('consistenza.json', consistenza.body);
    expect(await cli(['audit', 'verifica-consistenza', testa3, fileConsistenza, '--chiave-pubblica', chiavi])).toMatchObject({ codice: 0, out: expect.stringMatching(/consistenza verificata/) });
    const falsa = JSON.parse(readFileSync(testa3, 'utf8'));
    falsa.radice = createHash('sha256').update('altro').digest('hex');
    expect(await cli(['audit', 'verifica-consistenza', file('falsa.json', falsa), fileConsistenza, '--chiave-pubblica', chiavi])).toMatchObject({ codice: 1, out: expect.stringMatching(/FIRMA_NON_VALIDA/) });
  });

  it('GET /cig/:cig/storia?prove=true attaches the inclusion proofs of the events it shows, which the CLI verifies; a buyer may not ask for them', async () => {
    const id = await preparaAd5(buyer());
    await buyer().request('POST', `/appalti/${id}/conferma`);
    const cig = await cigConfermato(buyer(), id, 60_000);
    await testaStabile();
    const storia = await auditor().request('GET', `/cig/${cig}/storia?prove=true`);
    expect(storia.status).toBe(200);
    const coperte = storia.body.prove.prove.length;
    expect(coperte).toBeGreaterThan(0);
    expect(coperte + storia.body.prove.nonCoperti.length).toBe(storia.body.eventi.length);
    expect(await cli(['audit', 'verifica-inclusione', file('storia.json', storia.body), '--chiave-pubblica', chiavi])).toMatchObject({ codice: 0, out: expect.stringMatching(new RegExp(`inclusione verificata: ${coperte} record`)) });
    expect((await buyer().request('GET', `/cig/${cig}/storia?prove=true`)).status).toBe(403);
    const perCig = await auditor().request('GET', `/audit/inclusione?cig=${cig}`);
    expect([perCig.status, perCig.body.prove.every((p: { record: RecordAudit }) => p.record.cig === cig)]).toEqual([200, true]);
  });

  it('the witness keeps and countersigns heads, catches up after being offline, and names the rewrite the hash chain misses', async () => {
    const dir = join(cartella, 'testimone');
    const testimone = () => cli(['audit', 'testimone', '--url', t.url, '--dir', dir, '--chiave-pubblica', chiavi, '--volte', '1']);
    const prima = await testaStabile();
    expect(await testimone()).toMatchObject({ codice: 0, out: expect.stringMatching(new RegExp(`testa ${prima.dimensione} controfirmata`)) });
    // Offline while the trail grows by several heads: one consistency proof covers them all.
    await preparaAd5(buyer());
    await preparaAd5(buyer());
    const dopo = await testaStabile();
    expect(Number(dopo.dimensione)).toBeGreaterThan(Number(prima.dimensione) + 3);
    expect(await testimone()).toMatchObject({ codice: 0, out: expect.stringMatching(new RegExp(`testa ${dopo.dimensione} controfirmata.*estende quella conservata di dimensione ${prima.dimensione}`)) });
    const conservate = readdirSync(join(dir, 'teste'));
    expect(conservate).toHaveLength(2);
    const ultima = JSON.parse(readFileSync(join(dir, 'teste', conservate.sort().at(-1)!), 'utf8'));
    expect([ultima.testa.radice, ultima.consistenteCon, ultima.controfirma.firma]).toEqual([dopo.radice, prima.dimensione, expect.any(String)]);

    // The attack: rewrite an event the kept head covers (its data in the event store and its record),
    // then every later hash of the chain and the Merkle tree, consistently. No checkpoint covers it.
    await riscriviIlRegistro(t.db.pool);
    // The chain check sees nothing: every hash and link matches, every record matches its event.
    expect(await cli(['audit', 'verifica'], env, 90_000)).toMatchObject({ codice: 0, out: expect.stringMatching(/registro integro/) });

    // New activity: the service signs new heads over the rewritten tree.
    await preparaAd5(buyer());
    const riscritta = await testaStabile();
    expect(Number(riscritta.dimensione)).toBeGreaterThan(Number(dopo.dimensione));
    const allarme = await testimone();
    expect(allarme.codice).toBe(1);
    expect(allarme.out).toMatch(new RegExp(`ALLARME INCONSISTENTE: la testa di dimensione ${riscritta.dimensione} non estende quella conservata di dimensione ${dopo.dimensione}`));
    expect(allarme.out).toMatch(/riscritti, eliminati o riordinati/);
    const rapporti = readdirSync(join(dir, 'allarmi'));
    expect(rapporti).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'allarmi', rapporti[0]!), 'utf8'))).toMatchObject({ esito: 'INCONSISTENTE', conservata: { radice: dopo.radice } });
    // Nothing kept from the rewritten trail.
    expect(readdirSync(join(dir, 'teste'))).toHaveLength(2);
  });
});
