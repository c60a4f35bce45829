import fc from 'fast-check';
import { POLITICA, type Azione } from '../apps/cig-service/src/security/policy.js';
import { ESEMPI, type Risorse, risorseDelBuyer } from './support/esempi-endpoint.js';
import { send, servizioDellaSuite, startTestService } from './support/service.js';

/**
 * Random and mutated bodies posted to every command endpoint (property-based, fast-check):
 * never a 5xx, never a stack trace, SQL or internal path in an answer, and a refused request
 * writes nothing.
 */
const RUNS = Number(process.env.E2E_FC_RUNS ?? 25);
const TRACCE = /\bat \S+:\d+|\.ts:\d+|node_modules|\bSELECT\b|\bINSERT\b|relation "|syntax error|\/work\//;

describe('robustness under random input', () => {
  const t = servizioDellaSuite(() => startTestService({ RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_BURST: '100000' }));
  let comandi: Array<{ metodo: string; percorso: string; azione: Azione }>;
  let risorse: Risorse;

  beforeAll(async () => {
    const doc = (await t.request('GET', '/docs-json')).body as { paths: Record<string, Record<string, { 'x-permesso'?: Azione }>> };
    comandi = Object.entries(doc.paths).flatMap(([percorso, ops]) =>
      Object.entries(ops)
        .filter(([metodo, op]) => op['x-permesso'] && metodo !== 'get')
        .map(([metodo, op]) => ({ metodo: metodo.toUpperCase(), percorso, azione: op['x-permesso']! })),
    );
    risorse = await risorseDelBuyer(t.as('francesca.bianchi'));
  });

  /** Events written on behalf of users (the service's own background work, e.g. CIG streams, is not counted). */
  const totaleEventi = async () =>
    Number((await t.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM es_events WHERE metadata->'actor'->>'userId' NOT LIKE 'sistema:%'")).rows[0].n);
  const utentePer = (azione: Azione) => ((POLITICA[azione].ruoli as readonly string[]).includes('BUYER') ? 'francesca.bianchi' : 'luca.conti');

  /** A body: anything at all, or the example with one member replaced, removed or added. */
  const corpo = (esempio: unknown) =>
    fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.jsonValue({ maxDepth: 3 }),
      fc.string({ maxLength: 300 }),
      esempioMutato(esempio),
    );

  it('no command answers 5xx or leaks internals; a refused command writes nothing', async () => {
    expect(comandi.length).toBeGreaterThan(10);
    for (const c of comandi) {
      const esempio = ESEMPI[`${c.metodo} ${c.percorso}`](risorse, 'proprio');
      const token = await t.token(utentePer(c.azione));
      await fc.assert(
        fc.asyncProperty(corpo(esempio.corpo ?? {}), fc.boolean(), async (body, rawText) => {
          const prima = await totaleEventi();
          const testo = rawText && typeof body === 'string' ? body : JSON.stringify(body ?? null) ?? 'null';
          const res = await send(t.url, c.metodo, esempio.percorso, testo, { authorization: `Bearer ${token}`, 'content-type': 'application/json' });
          const etichetta = `${c.metodo} ${esempio.percorso} ${testo.slice(0, 120)}`;
          expect([etichetta, res.status < 500]).toEqual([etichetta, true]);
          expect([etichetta, TRACCE.test(res.text)]).toEqual([etichetta, false]);
          if (res.status >= 400) expect([etichetta, await totaleEventi()]).toEqual([etichetta, prima]);
        }),
        { numRuns: RUNS, seed: 20261125 },
      );
    }
  });

  it('random path parameters never reach a 5xx', async () => {
    const token = await t.token('francesca.bianchi');
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom(...comandi), async (valore, c) => {
        const percorso = c.percorso.replace(/\{[^}]+\}/g, encodeURIComponent(valore));
        const res = await send(t.url, c.metodo, percorso, '{}', { authorization: `Bearer ${token}`, 'content-type': 'application/json' });
        expect([percorso, res.status < 500, TRACCE.test(res.text)]).toEqual([percorso, true, false]);
      }),
      { numRuns: RUNS * 4, seed: 7 },
    );
  });
});

function esempioMutato(esempio: unknown): fc.Arbitrary<unknown> {
  if (esempio === null || typeof esempio !== 'object' || Array.isArray(esempio)) return fc.constant(esempio);
  const chiavi = Object.keys(esempio as Record<string, unknown>);
  if (chiavi.length === 0) return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
  return fc.tuple(fc.constantFrom(...chiavi), fc.oneof(fc.anything({ maxDepth: 2 }), fc.constant(undefined), fc.string({ minLength: 5000, maxLength: 6000 })), fc.boolean()).map(
    ([chiave, valore, aggiungi]) => ({ ...(esempio as Record<string, unknown>), [aggiungi ? `${chiave}Extra` : chiave]: valore }),
  );
}
