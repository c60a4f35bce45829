import { generaCig } from '#anac';
import { cigStream, garaSimogStream, trasmissioniSimogStream } from '#domain';
import { ManualClock } from '#platform';
import { GareSimog } from './gare-simog.js';
import { AggiungiLottoSimog } from './aggiungi-lotto/aggiungi-lotto.command.js';
import { AggiungiLottoSimogHandler } from './aggiungi-lotto/aggiungi-lotto.handler.js';
import { CancellaCigSimog } from './cancella-cig/cancella-cig.command.js';
import { CancellaCigSimogHandler } from './cancella-cig/cancella-cig.handler.js';
import { CancellaGaraSimog } from './cancella-gara/cancella-gara.command.js';
import { CancellaGaraSimogHandler } from './cancella-gara/cancella-gara.handler.js';
import { DettaglioCigSimogHandler, DettaglioGaraSimogHandler, TrasmissioniGaraSimogHandler } from './consulta/consulta.handlers.js';
import { DettaglioCigSimog, DettaglioGaraSimog, TrasmissioniGaraSimog } from './consulta/consulta.queries.js';
import { CreaGaraSimog } from './crea-gara/crea-gara.command.js';
import { CreaGaraSimogHandler } from './crea-gara/crea-gara.handler.js';
import { RegistraEsitoAnnullamento } from './esito-annullamento/esito-annullamento.command.js';
import { RegistraEsitoAnnullamentoHandler } from './esito-annullamento/esito-annullamento.handler.js';
import { PerfezionaCigSimog } from './perfeziona-cig/perfeziona-cig.command.js';
import { PerfezionaCigSimogHandler } from './perfeziona-cig/perfeziona-cig.handler.js';
import { RegistraCigManuale } from './registra-manuale/registra-manuale.command.js';
import { RegistraCigManualeHandler } from './registra-manuale/registra-manuale.handler.js';
import { RichiediAnnullamentoCig } from './richiedi-annullamento/richiedi-annullamento.command.js';
import { RichiediAnnullamentoCigHandler } from './richiedi-annullamento/richiedi-annullamento.handler.js';
import { buyer, CDC, meta, moduloRegimi, RUP, type LettureContate, type SimogFinto } from '../testing/regimi-anac.js';
import type { CommandBus, QueryBus } from '@nestjs/cqrs';

/** The SIMOG use cases through Nest's CommandBus and QueryBus, on the in-memory event store and a fake SIMOG (no HTTP, no database). */
describe('SIMOG use cases on @nestjs/cqrs and the in-memory event store', () => {
  let store: LettureContate;
  let simog: SimogFinto;
  let comandi: CommandBus;
  let query: QueryBus;
  const io = buyer();

  beforeEach(async () => {
    ({ store, simog, comandi, query } = await moduloRegimi(new ManualClock('2019-03-01T09:00:00.000Z'), [
      GareSimog, CreaGaraSimogHandler, AggiungiLottoSimogHandler, CancellaGaraSimogHandler, RegistraCigManualeHandler, PerfezionaCigSimogHandler,
      CancellaCigSimogHandler, RichiediAnnullamentoCigHandler, RegistraEsitoAnnullamentoHandler, DettaglioGaraSimogHandler, TrasmissioniGaraSimogHandler, DettaglioCigSimogHandler,
    ]));
  });

  const gara = () => comandi.execute(new CreaGaraSimog({ oggetto: 'Pulizie', importoComplessivo: '120000.00', centroDiCosto: CDC, rup: RUP }, io, meta));
  const lotto = (id: string) => comandi.execute(new AggiungiLottoSimog(id, { oggetto: 'Sede di Firenze', importo: '60000.00', oggettoPrincipale: 'SERVIZI' }, io, meta));

  it('creating a gara writes its new stream without reading it; adding a lot reads the gara once and the CIG once', async () => {
    let g!: Awaited<ReturnType<typeof gara>>;
    expect(await store.letturePer(garaSimogStream('x'), async () => (g = await gara()))).toBe(0);
    expect(g.numeroGara).toMatch(/^\d+$/);
    expect((await store.readStream(garaSimogStream(g.id))).map((e) => e.type)).toEqual(['GaraSimogCreata']);
    let l!: Awaited<ReturnType<typeof lotto>>;
    expect(await store.letturePer(garaSimogStream(g.id), async () => (l = await lotto(g.id)))).toBe(1);
    expect(store.letture.get(cigStream(l.cig))).toBe(1);
    expect(l.perfezionareEntro).toBe('2019-05-30T09:00:00.000Z');
    expect((await store.readStream(cigStream(l.cig))).map((e) => e.type)).toEqual(['CigAssegnato']);
    expect(simog.chiamate).toEqual(['crea-gara', 'crea-lotto']);
  });

  it('each command on a CIG reads its stream once: perfect, ask the annulment, record the answer; cancel another', async () => {
    const g = await gara();
    const uno = (await lotto(g.id)).cig;
    const due = (await lotto(g.id)).cig;
    const su = (cig: string, c: () => Promise<unknown>) => store.letturePer(cigStream(cig), c);
    expect(await su(uno, () => comandi.execute(new PerfezionaCigSimog(uno, { dataPubblicazione: '2019-02-25' }, io, meta)))).toBe(1);
    expect(await su(uno, () => comandi.execute(new RichiediAnnullamentoCig(uno, { motivazione: 'errore', documentoIdentitaRup: 'CI AX1' }, io, meta)))).toBe(1);
    const admin = { ...io, ruoli: ['ADMIN' as const] };
    let esito!: { stato: string; annullamento: unknown };
    expect(await su(uno, async () => (esito = await comandi.execute(new RegistraEsitoAnnullamento(uno, { accolto: true }, admin, meta))))).toBe(1);
    expect(esito).toMatchObject({ stato: 'ANNULLATO', annullamento: { stato: 'ACCOLTO', protocollo: 'PROT-1' } });
    expect(await su(due, () => comandi.execute(new CancellaCigSimog(due, { codiceMotivo: 1 }, io, meta)))).toBe(1);
    expect((await store.readStream(cigStream(due))).map((e) => e.type)).toEqual(['CigAssegnato', 'CigCancellato']);
    expect(simog.chiamate).toEqual(['crea-gara', 'crea-lotto', 'crea-lotto', 'perfeziona-cig', 'richiedi-annullamento', 'cancella-cig']);
    // Cancelling the gara once its lots are closed reads the gara once (and each lot's CIG for its state).
    const chiusa = await comandi.execute(new CancellaGaraSimog(g.id, 'non serve', io, meta));
    expect(chiusa.stato).toBe('CANCELLATA');
  });

  it('cancelling a gara reads its stream once; a command with nothing to do appends nothing and asks SIMOG nothing', async () => {
    const g = await gara();
    const cig = (await lotto(g.id)).cig;
    await comandi.execute(new CancellaCigSimog(cig, { codiceMotivo: 2 }, io, meta));
    expect(await store.letturePer(garaSimogStream(g.id), () => comandi.execute(new CancellaGaraSimog(g.id, undefined, io, meta)))).toBe(1);
    const prima = simog.chiamate.length;
    expect(await comandi.execute(new CancellaGaraSimog(g.id, undefined, io, meta))).toEqual({ id: g.id, stato: 'CANCELLATA', posizione: undefined });
    expect(simog.chiamate).toHaveLength(prima);
    await expect(lotto(g.id)).rejects.toMatchObject({ code: 'GARA_CANCELLATA' });
  });

  it('authorises on the state it loaded: another office is refused, SIMOG is not called, nothing is appended', async () => {
    const g = await gara();
    const cig = (await lotto(g.id)).cig;
    const altro = buyer('UFF-ALTRO');
    const prima = simog.chiamate.length;
    await expect(comandi.execute(new PerfezionaCigSimog(cig, { dataPubblicazione: '2019-02-25' }, altro, meta))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(comandi.execute(new AggiungiLottoSimog(g.id, { oggetto: 'x', importo: '1', oggettoPrincipale: 'SERVIZI' }, altro, meta))).rejects.toMatchObject({ kind: 'forbidden' });
    expect(simog.chiamate).toHaveLength(prima);
    expect((await store.readStream(cigStream(cig))).map((e) => e.type)).toEqual(['CigAssegnato']);
  });

  it('a code registered by hand, already perfected: one read, one append of both events; again is refused', async () => {
    const cig = generaCig('SIMOG_NUMERICO', 4242);
    const dto = { cig, oggettoProcedura: 'Lavori', oggetto: 'Tetto', importo: '45000.00', centroDiCosto: CDC, rup: RUP, pubblicazione: { dataPubblicazione: '2019-02-20' } };
    let r!: { stato: string };
    expect(await store.letturePer(cigStream(cig), async () => (r = await comandi.execute(new RegistraCigManuale(dto, io, meta))))).toBe(1);
    expect(r.stato).toBe('PERFEZIONATO');
    const eventi = await store.readStream(cigStream(cig));
    expect(eventi.map((e) => e.type)).toEqual(['CigAssegnato', 'CigPerfezionato']);
    expect(store.scritture.get(cigStream(cig))).toBe(1);
    await expect(comandi.execute(new RegistraCigManuale(dto, io, meta))).rejects.toMatchObject({ code: 'CIG_GIA_ASSEGNATO' });
    // Codes registered by hand are managed on SIMOG by the user: only their history is kept, SIMOG is not asked.
    expect(await store.letturePer(cigStream(cig), () => comandi.execute(new RichiediAnnullamentoCig(cig, { motivazione: 'errore', documentoIdentitaRup: 'CI AX1' }, io, meta)))).toBe(1);
    expect((await query.execute(new DettaglioCigSimog(cig, io)))).toMatchObject({ annullamento: { stato: 'RICHIESTO' } });
    expect(simog.chiamate).toEqual([]);
  });

  it('queries: the gara with its lots, its transmission log, a CIG from its events', async () => {
    const g = await gara();
    const cig = (await lotto(g.id)).cig;
    expect(await query.execute(new DettaglioGaraSimog(g.id, io))).toMatchObject({ id: g.id, stato: 'ATTIVA', lotti: [{ cig, statoCig: 'ASSEGNATO' }] });
    const log = await query.execute(new TrasmissioniGaraSimog(g.id, io));
    expect(log.map((r) => r.operazione)).toEqual(['crea-lotto', 'crea-gara']);
    expect((await store.readStream(trasmissioniSimogStream(g.id)))).toHaveLength(2);
    expect(await query.execute(new DettaglioCigSimog(cig, io))).toMatchObject({ cig, stato: 'ASSEGNATO', regime: 'SIMOG' });
    await expect(query.execute(new DettaglioGaraSimog(g.id, buyer('UFF-ALTRO')))).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
