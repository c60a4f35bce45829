import { RUOLI, type Ruolo } from '#platform';
import { POLITICA, type Azione } from '../apps/cig-service/src/security/policy.js';
import { CDC, cigConfermato, lottoAd5, RUP } from './support/appalti.js';
import { SENZA_LIMITE_RICHIESTE, send, servizioDellaSuite, startTestService, type TestService } from './support/service.js';
import { ESEMPI, type Risorse, risorseDelBuyer } from './support/esempi-endpoint.js';

/**
 * The permission matrix, generated from the policy and the OpenAPI description: every endpoint
 * (its `x-permesso` action) × every role × the caller's own office or another one. It expects
 * 401 without a token, 403 where the policy denies, anything but 401/403 where it allows, and
 * that a denied call stores nothing. An endpoint without an example request fails the test:
 * new endpoints come with their permission tests.
 */
const UFFICIO = 'UFF-TOSCANA-GARE';
const ALTRO_UFFICIO = 'UFF-TOSCANA-AMM';

interface Endpoint {
  readonly metodo: string;
  readonly percorso: string;
  readonly azione: Azione;
}

describe('permission matrix', () => {
  // One user makes every call of the matrix: the per-user rate limit is lifted, or it would answer 429.
  const t = servizioDellaSuite(() => startTestService(SENZA_LIMITE_RICHIESTE));
  let endpoints: Endpoint[];
  let risorse: Risorse;

  beforeAll(async () => {
    const doc = (await t.request('GET', '/docs-json')).body as { paths: Record<string, Record<string, { 'x-permesso'?: Azione }>> };
    endpoints = Object.entries(doc.paths).flatMap(([percorso, operazioni]) =>
      Object.entries(operazioni)
        .filter(([, op]) => op['x-permesso'])
        .map(([metodo, op]) => ({ metodo: metodo.toUpperCase(), percorso, azione: op['x-permesso']! })),
    );
    risorse = await preparaRisorse(t);
  });

  /** Events written on behalf of users (the service's own background work, e.g. CIG streams, is not counted). */
  const totaleEventi = async () =>
    Number((await t.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM es_events WHERE metadata->'actor'->>'userId' NOT LIKE 'sistema:%'")).rows[0].n);

  it('covers every endpoint of the API, each with an example request', () => {
    expect(endpoints.length).toBeGreaterThan(15);
    const senzaEsempio = endpoints.filter((e) => !ESEMPI[`${e.metodo} ${e.percorso}`]).map((e) => `${e.metodo} ${e.percorso}`);
    expect(senzaEsempio).toEqual([]);
  });

  it('without a token every endpoint is 401', async () => {
    for (const e of endpoints) {
      const { percorso, corpo } = ESEMPI[`${e.metodo} ${e.percorso}`](risorse, 'proprio');
      const res = await send(t.url, e.metodo, percorso, corpo);
      expect([`${e.metodo} ${e.percorso}`, res.status]).toEqual([`${e.metodo} ${e.percorso}`, 401]);
    }
  });

  it.each(RUOLI.map((r) => [r]))('as %s: allowed or 403 as the policy says, in the own office and in another one', async (ruolo: Ruolo) => {
    for (const e of endpoints) {
      for (const ufficio of ['proprio', 'altro'] as const) {
        const esempio = ESEMPI[`${e.metodo} ${e.percorso}`](risorse, ufficio);
        // The caller is always of UFFICIO; the resource is of UFFICIO ("proprio") or of ALTRO_UFFICIO ("altro").
        const token = await t.token('marco.giovannetti', { ruoli: [ruolo], ufficio: UFFICIO, centriDiCosto: [CDC] });
        const atteso = consentito(e.azione, ruolo, ufficio === 'proprio' || esempio.senzaUfficio === true);
        const prima = atteso ? 0 : await totaleEventi();
        const res = await send(t.url, e.metodo, esempio.percorso, esempio.corpo, { authorization: `Bearer ${token}`, ...(esempio.headers ?? {}) });
        const etichetta = `${ruolo} ${ufficio} ${e.metodo} ${esempio.percorso}`;
        if (atteso) {
          expect([etichetta, [401, 403].includes(res.status) ? res.status : 'consentito']).toEqual([etichetta, 'consentito']);
        } else {
          expect([etichetta, res.status]).toEqual([etichetta, 403]);
          expect([etichetta, await totaleEventi()]).toEqual([etichetta, prima]);
        }
      }
    }
  });
});

/** What the policy says: the role is listed, and either the scope is "tutto", the office is the caller's, or a read by an oversight role. */
function consentito(azione: Azione, ruolo: Ruolo, stessoUfficio: boolean): boolean {
  const regola = POLITICA[azione];
  if (!(regola.ruoli as readonly string[]).includes(ruolo)) return false;
  if (regola.ambito === 'tutto' || stessoUfficio) return true;
  return azione.endsWith('.leggi') && ['AUDITOR', 'RPCT', 'ADMIN'].includes(ruolo);
}

/** Requests of both offices (UFFICIO and ALTRO_UFFICIO) to act on: drafts, a confirmed AD5 with its CIG. */
async function preparaRisorse(t: TestService): Promise<Risorse> {
  const nostro = t.as('francesca.bianchi');
  const altro = t.as('giulia.mancini'); // a buyer of ALTRO_UFFICIO
  const { appalto: { proprio: appalto }, cig: { proprio: cig } } = await risorseDelBuyer(nostro);
  const creato = await altro.request('POST', '/appalti', {
    scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: 'CDC-TOSCANA-TECNOLOGIE', rup: RUP,
    datiGara: { oggetto: "Appalto dell'altro ufficio", settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
  });
  const altroId = creato.body.id as string;
  await altro.request('PUT', `/appalti/${altroId}/classificazione`, { cpv: [{ codice: '30192000-1', principale: true }] });
  await altro.request('POST', `/appalti/${altroId}/lotti`, lottoAd5());
  await altro.request('POST', `/appalti/${altroId}/conferma`);
  const cigAltro = await cigConfermato(altro, altroId);
  const secondoAltro = await altro.request('POST', `/appalti/${altroId}/copia`);
  return { appalto: { proprio: appalto, altro: secondoAltro.body.id as string }, cig: { proprio: cig, altro: cigAltro } };
}
