import { preparaAd5 } from './support/appalti.js';
import { preparaIstanze, type Istanze } from './support/istanze.js';
import { assertBuilt } from './support/process.js';
import { CDC, datiSmartCig, RUP } from './support/regimi.js';
import { eventually, send } from './support/service.js';

/**
 * Two compiled service processes on one database: what used to live in each instance's memory is
 * now shared through the database, so a client whose requests are spread over the instances by a
 * load balancer sees one service: the rate limit of a caller, and the audit trail's verifications
 * (started on one instance, read or joined on the other; one left by a dead instance is closed).
 */
describe('two instances share the rate limit and the audit verifications', () => {
  beforeAll(() => assertBuilt());
  let istanze: Istanze;
  let a: string;
  let b: string;

  const BURST = 30;
  beforeAll(async () => {
    istanze = await preparaIstanze('stato-condiviso', { timings: { confermaMs: 0, confermaPolls: 1 } });
    const avvia = async () => (await istanze.avvia({ RATE_LIMIT_BURST: String(BURST), RATE_LIMIT_PER_MINUTE: '1' })).url;
    [a, b] = await Promise.all([avvia(), avvia()]);
  });
  afterAll(async () => {
    await istanze?.chiudi();
  });

  it('a caller has one budget across the instances: requests alternating between them are refused once the burst is spent', async () => {
    const [suA, suB] = [await istanze.cliente(a, 'giulia.mancini'), await istanze.cliente(b, 'giulia.mancini')];
    const stati: number[] = [];
    for (let i = 0; i < BURST + 6; i++) stati.push((await (i % 2 === 0 ? suA : suB).request('GET', '/cig?limite=1')).status);
    expect(stati.slice(0, BURST)).toEqual(Array(BURST).fill(200));
    expect(stati.slice(BURST)).toEqual([429, 429, 429, 429, 429, 429]);
    // Both instances refuse, with the wait in Retry-After; another caller is unaffected.
    const rifiuto = await suB.request('GET', '/cig?limite=1');
    expect(rifiuto.body).toMatchObject({ status: 429, code: 'TROPPE_RICHIESTE' });
    expect(Number(rifiuto.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await (await istanze.cliente(a, 'francesca.bianchi')).request('GET', '/cig?limite=1')).status).toBe(200);
  });

  it('a verification started on one instance is read, and joined, on the other', async () => {
    const buyer = await istanze.cliente(a, 'francesca.bianchi');
    await preparaAd5(buyer);
    const [rpctA, rpctB] = [await istanze.cliente(a, 'sara.ferri'), await istanze.cliente(b, 'sara.ferri')];
    const avviata = await rpctA.request('GET', '/audit/verifica?attesa=0');
    expect([200, 202]).toContain(avviata.status);
    const id = avviata.body.verifica.id as string;
    const esito = await eventually(async () => {
      const r = await rpctB.request('GET', `/audit/verifica/${id}`);
      return r.status === 200 ? r.body : undefined;
    }, 30_000, 'the outcome read on the other instance');
    expect(esito).toMatchObject({ integra: true, problema: null, verifica: { id, stato: 'CONCLUSA', conclusaIl: expect.any(String) } });
    expect(esito.recordVerificati).toBeGreaterThan(0);
    const { rows } = await istanze.db.pool.query(`SELECT count(*)::int AS n FROM audit_verifiche WHERE stato = 'IN_CORSO'`);
    expect(rows[0].n).toBe(0);
  });

  it('while one runs on an instance (renewed), a request to the other joins it and reads its outcome when it ends', async () => {
    const inCorso = '6f1c2a8e-4b7d-4c1e-9a3f-2d6b8e1c0a55';
    await istanze.db.pool.query(`INSERT INTO audit_verifiche (id, stato, avviata_il, rinnovata_il, record_controllati, record_totali) VALUES ($1, 'IN_CORSO', now(), now(), 5, 50)`, [inCorso]);
    const rpct = await istanze.cliente(b, 'sara.ferri');
    const unita = await rpct.request('GET', '/audit/verifica?attesa=1');
    expect(unita.status).toBe(202);
    expect(unita.body.verifica).toMatchObject({ id: inCorso, stato: 'IN_CORSO', recordControllati: 5, recordTotali: 50 });
    // The instance running it records the outcome: every instance answers it.
    const esito = { integra: true, recordVerificati: 50, checkpointVerificati: 0, ultimoSeq: '50', problema: null, chiave: 'k1' };
    await istanze.db.pool.query(`UPDATE audit_verifiche SET stato = 'CONCLUSA', esito = $2, record_controllati = 50, conclusa_il = now() WHERE id = $1`, [inCorso, JSON.stringify(esito)]);
    const letta = await (await istanze.cliente(a, 'sara.ferri')).request('GET', `/audit/verifica/${inCorso}`);
    expect(letta.status).toBe(200);
    expect(letta.body).toMatchObject({ ...esito, verifica: { id: inCorso, stato: 'CONCLUSA' } });
  });

  it('a verification left running by an instance that died is closed as interrupted, and a new one starts', async () => {
    const morta = '6f1c2a8e-4b7d-4c1e-9a3f-2d6b8e1c0a77';
    await istanze.db.pool.query(
      `INSERT INTO audit_verifiche (id, stato, avviata_il, rinnovata_il, record_controllati, record_totali)
       VALUES ($1, 'IN_CORSO', now() - interval '5 minutes', now() - interval '2 minutes', 10, 100)`,
      [morta],
    );
    const rpct = await istanze.cliente(b, 'sara.ferri');
    const nuova = await rpct.request('GET', '/audit/verifica');
    expect(nuova.status).toBe(200);
    expect(nuova.body.verifica.id).not.toBe(morta);
    const vecchia = await (await istanze.cliente(a, 'sara.ferri')).request('GET', `/audit/verifica/${morta}`);
    expect(vecchia.status).toBe(503);
    expect(vecchia.body).toMatchObject({ code: 'VERIFICA_NON_COMPLETATA', detail: expect.stringContaining('istanza') });
  });
});

/**
 * The carnet flow through two compiled instances on one database, one killed mid-flow: every
 * consumer runs in exactly one live instance, the survivor goes on, and the deadlines of the
 * business clock fire once although two instances are due to fire them. The sandbox business
 * clock (SANDBOX_DATA) is what moves time: the carnet is issued by instances as of 2 March 2015,
 * and its expiry and reporting deadline come due when two later instances run as of July 2015.
 */
describe('two instances: the carnet flow, a kill, the consumers and the deadlines', () => {
  beforeAll(() => assertBuilt());
  let istanze: Istanze;
  beforeAll(async () => {
    istanze = await preparaIstanze('due-istanze-carnet');
  });
  afterAll(async () => {
    await istanze?.chiudi();
  });

  const avvia = (sandbox: string) =>
    istanze.avvia({ ANAC_SIMOG_URL: istanze.sim.url, SANDBOX_DATA: sandbox, SCADENZE_TICK_MS: '20', SUBSCRIPTION_POLL_MS: '20', ANAC_PRACTICE_LEASE_MS: '3000' });
  const cliente = (url: string) => istanze.cliente(url, 'francesca.bianchi');
  type Consumatore = { nome: string; attivo: boolean };
  const consumatori = async (url: string): Promise<Consumatore[]> => (await send(url, 'GET', '/ready')).body.consumatori;
  /** Each consumer is active in exactly one of the live instances. */
  const unoPerConsumatore = async (urls: readonly string[]) => {
    const elenchi = await Promise.all(urls.map(consumatori));
    const nomi = [...new Set(elenchi.flat().map((c) => c.nome))];
    return nomi.every((n) => elenchi.filter((e) => e.some((c) => c.nome === n && c.attivo)).length === 1) ? nomi : undefined;
  };
  const eventi = async (tipo: string, stream: string) =>
    (await istanze.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM es_events WHERE event_type = $1 AND stream_id = $2', [tipo, stream])).rows[0]!.n;

  it('issue on one, use on the other, kill one: the survivor goes on; later instances fire each deadline once', async () => {
    const [a, b] = [await avvia('2015-03-02T09:00:00Z'), await avvia('2015-03-02T09:00:00Z')];
    const nomi = await eventually(() => unoPerConsumatore([a.url, b.url]), 20_000, 'each consumer active in one instance');
    expect(nomi).toEqual(expect.arrayContaining(['listing', 'carnet', 'audit', 'scadenze']));

    const [suA, suB] = [await cliente(a.url), await cliente(b.url)];
    const rilascio = await suA.request('POST', '/carnet', { centroDiCosto: CDC, rup: RUP });
    expect(rilascio.status).toBe(201);
    const numero: string = rilascio.body.numero;
    const percorso = `/carnet/${encodeURIComponent(numero)}`;
    const dettaglio = (await suB.request('GET', `${percorso}?attendi=${encodeURIComponent(rilascio.body.posizione)}`)).body;
    const codici: string[] = dettaglio.cig.map((c: { cig: string }) => c.cig);
    expect(codici).toHaveLength(50);
    expect((await suB.request('POST', `${percorso}/cig/${codici[0]}/comunica`, datiSmartCig())).status).toBe(200);

    // The instance holding the consumers dies; the other takes them and goes on.
    const titolare = (await consumatori(a.url)).some((c) => c.nome === 'carnet' && c.attivo) ? a : b;
    const superstite = titolare === a ? b : a;
    titolare.proc.child.kill('SIGKILL');
    await titolare.proc.exited();
    await eventually(() => unoPerConsumatore([superstite.url]), 20_000, 'the survivor runs every consumer');
    const su = titolare === a ? suB : suA;
    const annullato = await su.request('POST', `${percorso}/cig/${codici[1]}/annulla`, { motivo: 'non utilizzato' });
    expect(annullato.status).toBe(200);
    const dopo = (await su.request('GET', `${percorso}?attendi=${encodeURIComponent(annullato.body.posizione)}`)).body;
    expect(dopo).toMatchObject({ stato: 'ATTIVO', cigNonRendicontati: 48, cigComunicati: 1, cigAnnullati: 1 });
    superstite.proc.child.kill('SIGTERM');
    await superstite.proc.exited();

    // Four months later (business time), two instances at once: the expiry and the reporting deadline are due in both.
    const [c, d] = await Promise.all([avvia('2015-07-20T09:00:00Z'), avvia('2015-07-20T09:00:00Z')]);
    const stream = `carnet-${numero.replace('/', '-')}`;
    await eventually(async () => ((await eventi('RendicontazioneScaduta', stream)) > 0 ? true : undefined), 30_000, 'the reporting deadline fired');
    // Some more ticks of both schedulers: nothing fires twice.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await eventi('CarnetScaduto', stream)).toBe(1);
    expect(await eventi('RendicontazioneScaduta', stream)).toBe(1);
    const finale = (await (await cliente(d.url)).request('GET', percorso)).body;
    expect(finale).toMatchObject({ stato: 'RENDICONTAZIONE_SCADUTA', cigNonRendicontati: 48 });
    expect(await eventually(() => unoPerConsumatore([c.url, d.url]), 20_000, 'each consumer active in one of the later instances')).toEqual(expect.arrayContaining(nomi));
  });
});
