import type { RunningSimulator } from '../apps/anac-sim/src/simulator.js';
import type { Passo } from '../apps/cig-service/src/anac/pratiche.store.js';
import type { Confine } from '../apps/cig-service/src/anac/punti-di-guasto.js';
import { preparaAd5, preparaAperta } from './support/appalti.js';
import { preparaIstanze, type Istanze } from './support/istanze.js';
import { assertBuilt } from './support/process.js';
import { eventually, SENZA_LIMITE_RICHIESTE, type TestResponse, type UserClient } from './support/service.js';
import type { TestDatabase } from './support/test-database.js';

/**
 * Every ANAC operation (conferma, pubblicazione, modifica avviso, cancellazione) × every step
 * boundary (before the request leaves; after ANAC answered, before the answer is stored; after
 * the outcome was recorded, before the practice moves on), with two compiled service processes on
 * one database and one ANAC simulator. Both run with the same ANAC_CRASH_AT: the instance holding
 * the practice when it reaches the boundary dies there (SIGKILL), the other takes the practice
 * over within 15 s (leases of 1 s), reconciles with ANAC and brings the appalto to its state, with
 * exactly one operation of that kind accepted by ANAC. The user's original request, repeated with
 * its Idempotency-Key, gets its stored answer: the key is not blocked by the dead instance.
 */
interface Caso {
  readonly operazione: string;
  readonly passo: Passo;
  readonly confine: Confine;
  /** The ANAC operation that must be accepted exactly once. */
  readonly chiamata: string;
}

interface Operazione {
  /** Brings a new appalto to where the operation can be asked; returns its id. */
  prepara(c: UserClient): Promise<string>;
  richiesta(id: string): { metodo: string; percorso: string; corpo?: unknown };
  finale(a: any): boolean;
}

const LEASE_MS = 1_000;

describe('two instances, the holder of a practice killed at every step boundary of every ANAC operation', () => {
  beforeAll(() => assertBuilt());
  let istanze: Istanze;
  let db: TestDatabase;
  let sim: RunningSimulator;

  beforeAll(async () => {
    istanze = await preparaIstanze('due-istanze-confini', {
      timings: { confermaMs: 0, confermaPolls: 1, pubblicaMs: 0, pubblicaPolls: 1, modificaAvvisoMs: 0, modificaAvvisoPolls: 1, verificaMs: 0 },
    });
    ({ db, sim } = istanze);
  });
  afterAll(async () => {
    await istanze?.chiudi();
  });

  const avvia = (env: Record<string, string>) =>
    istanze.avvia({
      SUBSCRIPTION_POLL_MS: '20', ANAC_WORKER_TICK_MS: '50',
      ANAC_POLL_INITIAL_MS: '50', ANAC_POLL_MAX_MS: '200', ANAC_RETRY_BASE_MS: '50', ANAC_RETRY_MAX_MS: '300', ANAC_TIMEOUT_MS: '30000',
      ANAC_PRACTICE_LEASE_MS: String(LEASE_MS), ...SENZA_LIMITE_RICHIESTE, ...env,
    });
  const cliente = (url: string): Promise<UserClient> => istanze.cliente(url, 'francesca.bianchi');
  const finoA = (c: UserClient, id: string, cond: (a: any) => boolean, cosa: string, entroMs = 30_000) =>
    eventually(async () => {
      const a = (await c.request('GET', `/appalti/${id}`)).body;
      return cond(a) ? a : undefined;
    }, entroMs, cosa);
  const confermato = async (c: UserClient, id: string) => {
    expect((await c.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
    await finoA(c, id, (a) => a.stato === 'CONF' && !a.operazioneInCorso, 'CONF');
  };
  const pratica = async (id: string, operazione: string) =>
    (await db.pool.query(`SELECT * FROM anac_pratiche WHERE appalto_id = $1 AND operazione = $2`, [id, operazione])).rows[0];

  const OPERAZIONI: Record<string, Operazione> = {
    CONFERMA: {
      prepara: (c) => preparaAd5(c),
      richiesta: (id) => ({ metodo: 'POST', percorso: `/appalti/${id}/conferma` }),
      finale: (a) => a.stato === 'CONF' && !a.operazioneInCorso && /^[0-9A-Z]{10}$/.test(a.lotti[0]?.cig ?? ''),
    },
    PUBBLICAZIONE: {
      prepara: async (c) => {
        const id = await preparaAperta(c, 1);
        await confermato(c, id);
        return id;
      },
      richiesta: (id) => ({ metodo: 'POST', percorso: `/appalti/${id}/pubblica` }),
      finale: (a) => a.stato === 'PUBB' && !a.operazioneInCorso,
    },
    MODIFICA_AVVISO: {
      // The avviso waits for its publication (IN_ATT_PUBB): only then can it be replaced.
      prepara: async (c) => {
        const id = await preparaAperta(c, 2);
        await confermato(c, id);
        sim.admin.setTimings({ pubblicaMs: 600_000 });
        expect((await c.request('POST', `/appalti/${id}/pubblica`)).status).toBe(202);
        await finoA(c, id, (a) => a.stato === 'IN_ATT_PUBB', 'IN_ATT_PUBB');
        return id;
      },
      richiesta: (id) => ({ metodo: 'POST', percorso: `/appalti/${id}/avviso/modifica`, corpo: {} }),
      // The publication it replaced stays awaited at ANAC: only the CIGs tell.
      finale: (a) => a.cigSostituiti.length === 2,
    },
    CANCELLAZIONE: {
      prepara: async (c) => {
        const id = await preparaAd5(c);
        await confermato(c, id);
        return id;
      },
      richiesta: (id) => ({ metodo: 'DELETE', percorso: `/appalti/${id}`, corpo: { motivo: 'Errore materiale nella richiesta' } }),
      finale: (a) => a.stato === 'CANC' && !a.operazioneInCorso,
    },
  };

  /** For each operation: its state-changing step at the first two boundaries, the step recording its final outcome at the third. */
  const CASI: Caso[] = [
    ['CONFERMA', 'CONFERMA', 'RECUPERA_CIG', 'conferma-appalto'],
    ['PUBBLICAZIONE', 'PUBBLICA', 'ESITO_PUBBLICAZIONE', 'pubblica-avviso'],
    ['MODIFICA_AVVISO', 'MODIFICA_AVVISO', 'RECUPERA_CIG_MODIFICA', 'modifica-avviso'],
    ['CANCELLAZIONE', 'CANCELLA', 'CANCELLA', 'cancella-appalto'],
  ].flatMap(([operazione, invio, registrazione, chiamata]) => [
    { operazione, passo: invio as Passo, confine: 'prima-invio' as const, chiamata },
    { operazione, passo: invio as Passo, confine: 'dopo-risposta' as const, chiamata },
    { operazione, passo: registrazione as Passo, confine: 'dopo-registrazione' as const, chiamata },
  ]);

  it.each(CASI)('$operazione, killed at $passo:$confine: the survivor ends it right, one $chiamata at ANAC, the key answers', async ({ operazione, passo, confine, chiamata }) => {
    const op = OPERAZIONI[operazione];
    const crash = { ANAC_CRASH_AT: `${passo}:${confine}` };
    const istanze = await Promise.all([avvia(crash), avvia(crash)]);
    try {
      await caso(op, istanze, { operazione, passo, confine, chiamata });
    } finally {
      for (const s of istanze) if (s.proc.child.exitCode === null && s.proc.child.signalCode === null) s.proc.child.kill('SIGKILL');
      await Promise.all(istanze.map((s) => s.proc.exited()));
    }
  }, 90_000);

  type Istanza = Awaited<ReturnType<typeof avvia>>;
  async function caso(op: Operazione, istanze: Istanza[], { operazione, passo, confine, chiamata }: Caso): Promise<void> {
    const buyer = await cliente(istanze[0].url);
    const id = await op.prepara(buyer);
    sim.admin.clearCalls();

    const { metodo, percorso, corpo } = op.richiesta(id);
    const chiave = `confini-${operazione}-${passo}-${confine}`.toLowerCase();
    const prima = await buyer.request(metodo, percorso, corpo, { 'idempotency-key': chiave });
    expect(prima.status).toBeLessThan(300);

    // Whichever instance held the practice at the boundary died there; exactly one did.
    const morta = await eventually(async () => istanze.find((s) => s.proc.child.signalCode !== null || s.proc.child.exitCode !== null), 30_000, `an instance died at ${passo}:${confine}`).catch(
      async (error: Error) => {
        throw new Error(`${error.message}; practice ${JSON.stringify(await pratica(id, operazione))}; output: ${istanze.map((s) => s.proc.output().slice(-2_000)).join('\n---\n')}`);
      },
    );
    const uccisa = Date.now();
    expect(morta.proc.child.signalCode).toBe('SIGKILL');
    const superstite = istanze.find((s) => s !== morta)!;
    await eventually(async () => {
      const p = await pratica(id, operazione);
      return String(p?.lease_di ?? '').startsWith(`${superstite.proc.child.pid}-`) || p?.stato === 'COMPLETATA' ? true : undefined;
    }, 20_000, 'the survivor took the practice');
    expect(Date.now() - uccisa).toBeLessThan(15_000);

    const dopo = await cliente(superstite.url);
    await finoA(dopo, id, op.finale, `${operazione} done`);
    await eventually(async () => ((await pratica(id, operazione))?.stato === 'COMPLETATA' ? true : undefined), 20_000, 'the practice completed');
    expect(superstite.proc.child.exitCode).toBeNull();
    expect(superstite.proc.child.signalCode).toBeNull();
    const accettate = sim.admin.calls().filter((c) => c.operation === chiamata && typeof c.status === 'number' && c.status < 300);
    expect(accettate).toHaveLength(1);
    expect(sim.admin.countByCodiceAppalto()[id]).toBe(1);
    // The survivor found the step in flight and recorded that it reconciled it.
    const riconciliazioni = await db.pool.query(`SELECT 1 FROM es_events WHERE stream_id = $1 AND event_type = 'RiconciliazioneAnacAvviata'`, [`pratica-anac-${id}`]);
    expect(riconciliazioni.rowCount).toBeGreaterThanOrEqual(1);

    // The same request with the same key, on the survivor: the stored answer, not 409 IDEMPOTENCY_IN_CORSO.
    const ripetuta: TestResponse = await dopo.request(metodo, percorso, corpo, { 'idempotency-key': chiave });
    expect(ripetuta.status).toBe(prima.status);
    expect(ripetuta.headers.get('idempotent-replayed')).toBe('true');
    expect(ripetuta.body).toEqual(prima.body);

    // Nothing left running for the next case (a publication the modifica avviso left waiting ends now).
    sim.admin.setTimings({ pubblicaMs: 0 });
    sim.admin.endWaits();
    await eventually(async () => ((await db.pool.query(`SELECT 1 FROM anac_pratiche WHERE stato = 'ATTIVA'`)).rowCount === 0 ? true : undefined), 30_000, 'no practice active');
  }
});
