import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { carattereControlloCodiceFiscale } from '#domain';
import { ManualClock } from '#platform';
import type { RunningSimulator } from '../apps/anac-sim/src/simulator.js';
import { RUP_REGISTRY_PREDEFINITO, REGIONE_TOSCANA } from '../apps/anac-sim/src/identity/rup-registry.js';
import { CDC, lotto, preparaAperta, RUP } from './support/appalti.js';
import { datiSmartCig, must } from './support/regimi.js';
import { avviaSimulatore, SENZA_LIMITE_RICHIESTE, send, startTestService, type TestResponse, type TestService } from './support/service.js';

/**
 * `Idempotency-Key` under concurrency: many identical requests sent at once with one key give
 * exactly one effect; the others get the first answer replayed (or 409 IDEMPOTENCY_IN_CORSO with
 * Retry-After while it runs); the same key with another body is 422, also when concurrent.
 * Effects are counted in the event store: the events a request appended carry its key.
 */
describe('Idempotency-Key under concurrency', () => {
  const CONCORRENTI = 50;
  const GIRI = 20;
  /** About 15 s each on an idle machine; room for a machine shared with other test runs. */
  const LENTO_MS = 180_000;
  const clock = new ManualClock('2015-03-02T09:00:00.000Z');
  /** At most two active carnets per RUP and cost centre (nota SMART CIG 2011): one more RUP per two rounds, registered at ANAC too. */
  /** A valid codice fiscale per RUP (check character computed, as the directory verifies it). */
  const rup = (n: number) => {
    const base = `RSSMRA80A${String(10 + n).padStart(2, '0')}H501`;
    return base + carattereControlloCodiceFiscale(base);
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'cig-test-idempotenza-'));
  let sim: RunningSimulator;
  let t: TestService;
  let bearer: string;
  beforeAll(async () => {
    sim = await avviaSimulatore(dataDir, {
            rupRegistry: [...RUP_REGISTRY_PREDEFINITO, ...Array.from({ length: GIRI / 2 + 1 }, (_, n) => ({ codiceFiscale: rup(n), sa: REGIONE_TOSCANA }))],
    });
    t = await startTestService({ ...SENZA_LIMITE_RICHIESTE, DATABASE_POOL_SIZE: '30' }, { clock, sim, dataDir });
    bearer = `Bearer ${await t.token('francesca.bianchi')}`;
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** As a client would: a connection lost before the answer is retried with the same key (what the key is for). */
  async function chiama(method: string, path: string, body: unknown, chiave: string): Promise<TestResponse> {
    for (let tentativo = 1; ; tentativo++) {
      try {
        return await send(t.url, method, path, body, { authorization: bearer, 'idempotency-key': chiave });
      } catch (error) {
        if (tentativo >= 3) throw error;
      }
    }
  }

  /** The events appended under a key, as "type × count" per type: what one request did. */
  async function effetti(chiave: string): Promise<Record<string, number>> {
    const { rows } = await t.db.pool.query<{ event_type: string; n: string }>(
      `SELECT event_type, count(*) AS n FROM es_events WHERE metadata->>'idempotencyKey' = $1 AND metadata->'actor'->>'userId' = 'francesca.bianchi' GROUP BY event_type`,
      [chiave],
    );
    return Object.fromEntries(rows.map((r) => [r.event_type, Number(r.n)]));
  }

  /**
   * One request alone shows what a single effect is; then GIRI rounds of CONCORRENTI identical
   * requests, each round with its own key, must each leave exactly that.
   */
  async function giri(nome: string, method: string, path: string, corpo: (giro: number) => unknown, stato: number): Promise<void> {
    const solo = must(await chiama(method, path, corpo(-1), `${nome}-solo`), stato, `${nome} alone`);
    expect(solo).toBeDefined();
    const atteso = await effetti(`${nome}-solo`);
    expect(Object.keys(atteso).length).toBeGreaterThan(0);
    for (let giro = 0; giro < GIRI; giro++) {
      const chiave = `${nome}-${giro}`;
      const risposte = await Promise.all(Array.from({ length: CONCORRENTI }, () => chiama(method, path, corpo(giro), chiave)));
      verificaRisposte(risposte, stato, `${nome} round ${giro}`);
      expect([chiave, await effetti(chiave)]).toEqual([chiave, atteso]);
    }
  }

  function verificaRisposte(risposte: TestResponse[], stato: number, cosa: string): void {
    const inattese = risposte.filter((r) => r.status !== stato && r.status !== 409);
    expect([cosa, inattese.map((r) => `${r.status} ${r.text}`)]).toEqual([cosa, []]);
    // One answer did the work (none of them when that one's connection was lost and retried); every other replays it.
    const originali = risposte.filter((r) => r.status === stato && r.headers.get('idempotent-replayed') !== 'true');
    expect([cosa, originali.length <= 1]).toEqual([cosa, true]);
    const riuscite = risposte.filter((x) => x.status === stato);
    expect([cosa, riuscite.length > 0]).toEqual([cosa, true]);
    for (const r of riuscite) expect(r.body).toEqual(riuscite[0].body);
    for (const r of risposte.filter((x) => x.status === 409)) {
      expect(r.body.code).toBe('IDEMPOTENCY_IN_CORSO');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  }

  it('SmartCIG and carnets (2015): 50 concurrent requests × 20 rounds, one effect each round', async () => {
    await giri('smart-cig', 'POST', '/smart-cig', (giro) => ({ centroDiCosto: CDC, rup: RUP, dati: datiSmartCig({ oggetto: `stampe ${giro}` }) }), 201);
    const admin = `Bearer ${await t.token('luca.conti')}`;
    for (let n = 0; n <= GIRI / 2; n++) {
      must(await send(t.url, 'POST', '/admin/anagrafica/utenti', {
        userId: `rup.carnet.${n}`, nome: `RUP carnet ${n}`, codiceFiscale: rup(n), sa: '01386030488', ufficio: 'UFF-TOSCANA-GARE', centriDiCosto: [CDC], ruoli: ['RUP'],
      }, { authorization: admin }), 201, `RUP ${n}`);
    }
    await giri('carnet', 'POST', '/carnet', (giro) => ({ centroDiCosto: CDC, rup: rup(Math.floor((giro + 1) / 2)) }), 201);
  }, LENTO_MS);

  it('appalti (2024): creation, copy and lots, 50 concurrent requests × 20 rounds, one effect each round', async () => {
    clock.set('2024-01-15T09:00:00.000Z');
    const bozza = (giro: number) => ({ scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara: { oggetto: `Fornitura ${giro}`, settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } });
    await giri('appalto', 'POST', '/appalti', bozza, 201);
    const client = { request: (method: string, path: string, body?: unknown) => send(t.url, method, path, body, { authorization: bearer }) };
    const id = await preparaAperta(client, 1);
    await giri('copia', 'POST', `/appalti/${id}/copia`, () => undefined, 201);
    await giri('lotti', 'POST', `/appalti/${id}/lotti`, (giro) => lotto(giro + 10), 201);
  }, LENTO_MS);

  it('the same key with different bodies at once: one succeeds, every other is 422, one effect', async () => {
    const risposte = await Promise.all(Array.from({ length: 8 }, (_, i) => chiama('POST', '/appalti', {
      scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara: { oggetto: `Diverso ${i}`, settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
    }, 'corpi-diversi')));
    const stati = risposte.map((r) => r.status).sort();
    expect(stati.filter((s) => s === 201)).toHaveLength(1);
    expect(stati.filter((s) => s === 422)).toHaveLength(7);
    expect(risposte.filter((r) => r.status === 422).every((r) => r.body.code === 'IDEMPOTENCY_KEY_RIUSATA')).toBe(true);
    expect(await effetti('corpi-diversi')).toEqual({ AppaltoCreato: 1 });
  });
});
