import { ManualClock } from '#platform';
import { CDC, lottoAd5, preparaAd5, RUP } from './support/appalti.js';
import { servizioDellaSuite, startTestService } from './support/service.js';

const bozza = (oggetto = 'Fornitura di toner') => ({
  scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP,
  datiGara: { oggetto, settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
});

describe('idempotent commands, concurrency, limits and headers', () => {
  const t = servizioDellaSuite(() => startTestService({ BODY_LIMIT_BYTES: '4096' }));
  const buyer = t.as('francesca.bianchi');

  const creati = async () => Number((await t.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM es_events WHERE event_type = 'AppaltoCreato'")).rows[0].n);

  it('a repeat with the same Idempotency-Key and body returns the first answer and writes nothing', async () => {
    const prima = await creati();
    const primo = await buyer.request('POST', '/appalti', bozza(), { 'idempotency-key': 'crea-toner-1' });
    const ripetuto = await buyer.request('POST', '/appalti', bozza(), { 'idempotency-key': 'crea-toner-1' });
    expect(primo.status).toBe(201);
    expect(ripetuto.status).toBe(201);
    expect(ripetuto.body).toEqual(primo.body);
    expect(ripetuto.headers.get('idempotent-replayed')).toBe('true');
    expect(await creati()).toBe(prima + 1);
    const [evento] = await t.service.runtime.eventStore.readStream(`appalto-${primo.body.id}`);
    expect(evento.metadata.idempotencyKey).toBe('crea-toner-1');
  });

  it('the same key with a different body is 422, and writes nothing', async () => {
    await buyer.request('POST', '/appalti', bozza(), { 'idempotency-key': 'crea-toner-2' });
    const prima = await creati();
    const diverso = await buyer.request('POST', '/appalti', bozza('Altro oggetto'), { 'idempotency-key': 'crea-toner-2' });
    expect(diverso.status).toBe(422);
    expect(diverso.body.code).toBe('IDEMPOTENCY_KEY_RIUSATA');
    expect(await creati()).toBe(prima);
  });

  it('a failed command keeps nothing: corrected, it can be sent again with the same key', async () => {
    const sbagliato = await buyer.request('POST', '/appalti', { ...bozza(), rup: 'X' }, { 'idempotency-key': 'crea-toner-3' });
    expect(sbagliato.status).toBe(400);
    const corretto = await buyer.request('POST', '/appalti', bozza(), { 'idempotency-key': 'crea-toner-3' });
    expect(corretto.status).toBe(201);
  });

  it('keys are per caller, and a malformed key is refused', async () => {
    const a = await buyer.request('POST', '/appalti', bozza(), { 'idempotency-key': 'chiave-condivisa' });
    const b = await t.as('marco.giovannetti').request('POST', '/appalti', bozza(), { 'idempotency-key': 'chiave-condivisa' });
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
    expect((await buyer.request('POST', '/appalti', bozza(), { 'idempotency-key': 'con spazi' })).status).toBe(400);
  });

  it('concurrent safe commands on one appalto all succeed; unsafe ones: each wins or gets 409, never both lost', async () => {
    const id = await preparaAd5(buyer);
    const aggiunte = await Promise.all(Array.from({ length: 8 }, (_, i) => buyer.request('POST', `/appalti/${id}/lotti`, lottoAd5({ oggetto: `Lotto ${i}` }))));
    expect(aggiunte.map((r) => r.status)).toEqual(aggiunte.map(() => 201));
    expect(new Set(aggiunte.map((r) => r.body.lotIdentifier)).size).toBe(8);

    const modifiche = await Promise.all(
      Array.from({ length: 8 }, (_, i) => buyer.request('PATCH', `/appalti/${id}`, { datiGara: { oggetto: `Oggetto ${i}`, settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } })),
    );
    const riuscite = modifiche.filter((r) => r.status === 200);
    expect(modifiche.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(riuscite.length).toBeGreaterThanOrEqual(1);
    const eventi = await t.service.runtime.eventStore.readStream(`appalto-${id}`);
    expect(eventi.filter((e) => e.type === 'AppaltoModificato')).toHaveLength(riuscite.length);
    const conflitto = modifiche.find((r) => r.status === 409);
    if (conflitto) expect(conflitto.body.code).toBe('MODIFICA_CONCORRENTE');
  });

  it('a body over the limit is 413 problem+json', async () => {
    const res = await buyer.request('POST', '/appalti', { ...bozza('x'.repeat(5000)) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('BODY_TOO_LARGE');
  });

  it('answers carry security headers; CORS stays closed by default', async () => {
    const res = await fetch(`${t.url}/anagrafica/centri-di-costo`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await buyer.request('GET', '/anagrafica/centri-di-costo');
    expect(get.headers.get('x-content-type-options')).toBe('nosniff');
    expect(get.headers.get('x-frame-options')).toBe('DENY');
    expect(get.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(get.headers.get('cache-control')).toBe('no-store');
    expect(get.headers.get('x-powered-by')).toBeNull();
  });
});

describe('rate limit per token, and CORS when configured', () => {
  // The limiter's clock stands still: no request is refilled however slow the machine is.
  const t = servizioDellaSuite(() => startTestService({ RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '5', CORS_ORIGINS: 'https://start.toscana.it' }, { wallClock: new ManualClock() }));

  it('past the burst the same token gets 429 with Retry-After; another token and /health are not affected', async () => {
    const token = await t.token('francesca.bianchi');
    const chiama = () => t.request('GET', '/anagrafica/centri-di-costo', undefined, { authorization: `Bearer ${token}` });
    const risposte = [];
    for (let i = 0; i < 7; i++) risposte.push(await chiama());
    expect(risposte.slice(0, 5).every((r) => r.status === 200)).toBe(true);
    const limitata = risposte[6];
    expect(limitata.status).toBe(429);
    expect(Number(limitata.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limitata.body.code).toBe('TROPPE_RICHIESTE');
    expect((await t.as('marco.giovannetti').request('GET', '/anagrafica/centri-di-costo')).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await t.request('GET', '/health')).status).toBe(200);
  });

  it('a configured origin gets CORS headers, others do not', async () => {
    const ammesso = await fetch(`${t.url}/anagrafica/centri-di-costo`, { method: 'OPTIONS', headers: { origin: 'https://start.toscana.it', 'access-control-request-method': 'GET' } });
    expect(ammesso.headers.get('access-control-allow-origin')).toBe('https://start.toscana.it');
    const altro = await fetch(`${t.url}/anagrafica/centri-di-costo`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(altro.headers.get('access-control-allow-origin')).toBeNull();
  });
});
