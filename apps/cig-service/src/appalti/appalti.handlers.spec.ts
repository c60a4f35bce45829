import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { TestingModule } from '@nestjs/testing';
import { generaCig, isCigValido } from '#anac';
import { ANAGRAFICA_STREAM, appaltoDecider, appaltoStream, cigStream, type AppaltoCommand } from '#domain';
import { InMemoryEventStore } from '#event-store';
import type { Attore, Clock, IdGenerator } from '#platform';
import { AnagraficaService } from '../anagrafica/anagrafica.service.js';
import { cigRegistrar } from '../anac/cig-registrar.js';
import { CigLettore } from './cig-lettore.js';
import { DettaglioCig } from './dettaglio-cig/dettaglio-cig.query.js';
import { DettaglioCigHandler } from './dettaglio-cig/dettaglio-cig.handler.js';
import { UtilizzaCig } from './utilizza-cig/utilizza-cig.command.js';
import { UtilizzaCigHandler } from './utilizza-cig/utilizza-cig.handler.js';
import type { AggregateStore, CommandMeta } from '../infrastructure/aggregate-store.js';
import { Allineamento } from '../infrastructure/allineamento.js';
import { OsservatoreStream, revisioniDa } from '../infrastructure/osservatore-stream.js';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { APP_CONFIG, PG_POOL, REGOLE_ANAC } from '../infrastructure/tokens.js';
import { LettureContate, meta, moduloCqrs } from '../testing/modulo-cqrs.js';
import { anagraficaToscana, RUP, SA } from '../testing/regimi-anac.js';
import { CarnetDelCig } from '../carnet/carnet-del-cig.js';
import { CigLoader } from '../anac-simog/cig-loader.js';
import { AggiungiLotto } from './aggiungi-lotto/aggiungi-lotto.command.js';
import { AggiungiLottoHandler } from './aggiungi-lotto/aggiungi-lotto.handler.js';
import { CancellaAppalto } from './cancella/cancella-appalto.command.js';
import { CancellaAppaltoHandler } from './cancella/cancella-appalto.handler.js';
import { ImpostaClassificazione } from './classificazione/classificazione.command.js';
import { ImpostaClassificazioneHandler } from './classificazione/classificazione.handler.js';
import { CollegaProcedura } from './collega-procedura/collega-procedura.command.js';
import { CollegaProceduraHandler } from './collega-procedura/collega-procedura.handler.js';
import { ComandiAppalto } from './comandi-appalto.js';
import { ConfermaAppalto } from './conferma/conferma.command.js';
import { ConfermaAppaltoHandler } from './conferma/conferma.handler.js';
import { CopiaAppalto } from './copia/copia-appalto.command.js';
import { CopiaAppaltoHandler } from './copia/copia-appalto.handler.js';
import { CreaAppalto } from './crea/crea-appalto.command.js';
import { CreaAppaltoHandler } from './crea/crea-appalto.handler.js';
import { DettaglioAppalto } from './dettaglio/dettaglio-appalto.query.js';
import { DettaglioAppaltoHandler } from './dettaglio/dettaglio-appalto.handler.js';
import { ModificaAppalto } from './modifica/modifica-appalto.command.js';
import { ModificaAppaltoHandler } from './modifica/modifica-appalto.handler.js';
import { ModificaAvviso } from './modifica-avviso/modifica-avviso.command.js';
import { ModificaAvvisoHandler } from './modifica-avviso/modifica-avviso.handler.js';
import { ModificaLotto } from './modifica-lotto/modifica-lotto.command.js';
import { ModificaLottoHandler } from './modifica-lotto/modifica-lotto.handler.js';
import { PubblicaAppalto } from './pubblica/pubblica.command.js';
import { PubblicaAppaltoHandler } from './pubblica/pubblica.handler.js';
import { RimuoviLotto } from './rimuovi-lotto/rimuovi-lotto.command.js';
import { RimuoviLottoHandler } from './rimuovi-lotto/rimuovi-lotto.handler.js';
import { TrasmissioniAppalto } from './trasmissioni/trasmissioni-appalto.query.js';
import { TrasmissioniAppaltoHandler } from './trasmissioni/trasmissioni-appalto.handler.js';
import { VerificaAppalto } from './verifica/verifica-appalto.command.js';
import { VerificaAppaltoHandler } from './verifica/verifica-appalto.handler.js';

/** The appalto's and the CIG's use cases through Nest's CommandBus and QueryBus, on the in-memory event store (no HTTP, no database). */
describe('appalti and cig use cases on @nestjs/cqrs and the in-memory event store', () => {
  const CDC = 'CDC-TOSCANA-CONTRATTI';
  const buyer: Attore = { userId: 'francesca', nome: 'Francesca Bianchi', codiceFiscale: 'BNCFNC80A41D612P', ruoli: ['BUYER'], ufficio: 'UFF-T', centriDiCosto: [CDC], stazioneAppaltante: SA };
  const estraneo: Attore = { ...buyer, userId: 'altro', ufficio: 'UFF-ALTRO' };
  const datiGara = { oggetto: 'Fornitura di materiale di cancelleria', settore: 'ORDINARIO' as const, oggettoPrincipale: 'FORNITURE' as const };
  const lotto = {
    oggetto: 'Fornitura di materiale di cancelleria', oggettoContratto: 'FORNITURE' as const, importo: '1250.00', cpv: '30192000-1', luogoIstat: '048017',
    aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'Cartoleria Esempio S.r.l.', importo: '1250.00' }] },
  };
  let store: LettureContate;
  let aggregates: AggregateStore;
  let clock: Clock;
  let ids: IdGenerator;
  let comandi: CommandBus;
  let query: QueryBus;
  let modulo: TestingModule;
  let n = 0;
  /** The projections each wait for read-your-writes was for, in order. */
  let attese: string[] = [];
  const cmd = (m: Partial<CommandMeta> = {}): CommandMeta => ({ ...meta, attore: buyer, causationId: `cmd-${++n}`, ...m });

  beforeEach(async () => {
    attese = [];
    const consumers = { waitForAll: async (_p: unknown, _ms: number, proiezioni: readonly string[]) => (attese.push(proiezioni.join()), true) } as unknown as ConsumerRegistry;
    const inMemoria = new LettureContate();
    ({ modulo, store, clock, ids, aggregates, comandi, query } = await moduloCqrs({
      store: inMemoria,
      providers: [
        // Blocking reads: the in-memory store has no append signal, its revisions are read every
        // 10 ms, past the count of reads (which is of the handlers').
        { provide: OsservatoreStream, useValue: new OsservatoreStream(revisioniDa({ readStream: (id, o) => InMemoryEventStore.prototype.readStream.call(inMemoria, id, o) }), { controlloMs: 10 }) },
        { provide: ConsumerRegistry, useValue: consumers },
        { provide: REGOLE_ANAC, useValue: { fonte: 'CONTROLLI_LOCALI', motivo: 'non caricate nel test' } },
        { provide: APP_CONFIG, useValue: { ANAC_ATTESA_ALLARME: 3_600_000, READ_WAIT_MAX_MS: 50, REQUEST_TIMEOUT_MS: 30_000 } },
        // No practice with ANAC and no transmission: the read models are not the subject here.
        { provide: PG_POOL, useValue: { query: async () => ({ rows: [] }) } },
        Allineamento, AnagraficaService, ComandiAppalto, CigLoader, CarnetDelCig, CigLettore,
        CreaAppaltoHandler, ModificaAppaltoHandler, AggiungiLottoHandler, ModificaLottoHandler, RimuoviLottoHandler, ImpostaClassificazioneHandler,
        CollegaProceduraHandler, VerificaAppaltoHandler, ConfermaAppaltoHandler, PubblicaAppaltoHandler, ModificaAvvisoHandler, CopiaAppaltoHandler,
        CancellaAppaltoHandler, DettaglioAppaltoHandler, TrasmissioniAppaltoHandler, DettaglioCigHandler, UtilizzaCigHandler,
      ],
    }));
    await anagraficaToscana(modulo.get(AnagraficaService), CDC, 'Settore Contratti');
  });

  /** An AD5 direct award ready to send: draft, CPV, one lot with its award. */
  async function bozzaAd5(): Promise<{ id: string; lotIdentifier: string }> {
    const { id } = await comandi.execute(new CreaAppalto({ scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara }, buyer, cmd()));
    await comandi.execute(new ImpostaClassificazione(id, [{ codice: '30192000-1', principale: true }], buyer, cmd()));
    const { lotIdentifier } = await comandi.execute(new AggiungiLotto(id, lotto, buyer, cmd()));
    return { id, lotIdentifier };
  }

  /** What the process manager records when ANAC confirms, and what the registro-cig consumer derives from it. */
  async function confermataDaAnac(id: string, lotIdentifier: string): Promise<string> {
    const cig = generaCig('SIMOG_PCP', 4242);
    const contesto = { now: clock.now(), newId: () => ids.uuid(), responsabileNelCdc: () => true, cigValido: isCigValido };
    const esiti: AppaltoCommand[] = [{ type: 'RegistraAppaltoAnac', idAppaltoAnac: 'ID-ANAC-1' }, { type: 'RegistraConferma', idAppaltoAnac: 'ID-ANAC-1', idAvviso: 'AV-1', cig: [{ lotIdentifier, cig }] }];
    for (const comando of esiti) await aggregates.execute(appaltoStream(id), appaltoDecider, comando, contesto, { ...meta, attore: { sistema: 'anac-pcp' } });
    const eventi = (await store.readStream(appaltoStream(id))).filter((e) => e.type === 'AppaltoConfermato');
    await cigRegistrar(aggregates, clock, ids).handle(eventi, undefined as never);
    return cig;
  }

  it('drafts, edits, verifies and sends a request; each command appends once with its metadata and reads each stream at most once', async () => {
    const letture = await store.conta(() => comandi.execute(new CreaAppalto({ scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara }, buyer, cmd())));
    // A fresh stream is not read at all; the directory once.
    expect(letture).toEqual({ [ANAGRAFICA_STREAM]: 1 });
    const [{ streamId }] = (await store.readAll()).filter((e) => e.type === 'AppaltoCreato');
    const id = streamId.slice('appalto-'.length);

    const passi: Array<[string, () => Promise<unknown>]> = [
      ['classificazione', () => comandi.execute(new ImpostaClassificazione(id, [{ codice: '30192000-1', principale: true }], buyer, cmd()))],
      ['lotto aggiunto', () => comandi.execute(new AggiungiLotto(id, { ...lotto, importo: '999.00', aggiudicazione: { partecipanti: [{ ...lotto.aggiudicazione.partecipanti[0]!, importo: '999.00' }] } }, buyer, cmd()))],
      ['lotto modificato', () => comandi.execute(new ModificaLotto(id, 'LOT-0001', lotto, buyer, cmd()))],
      ['lotto in più', () => comandi.execute(new AggiungiLotto(id, lotto, buyer, cmd()))],
      ['lotto rimosso', () => comandi.execute(new RimuoviLotto(id, 'LOT-0002', buyer, cmd()))],
      ['modifica', () => comandi.execute(new ModificaAppalto(id, { datiGara: { ...datiGara, oggetto: 'Cancelleria 2025' }, rup: RUP }, buyer, cmd()))],
      ['procedura', () => comandi.execute(new CollegaProcedura(id, 'PROC-2025-1', buyer, cmd()))],
      ['verifica', () => comandi.execute(new VerificaAppalto(id, buyer, cmd()))],
      ['conferma', () => comandi.execute(new ConfermaAppalto(id, buyer, cmd()))],
    ];
    for (const [passo, esegui] of passi) {
      const prima = (await store.readAll()).length;
      const letture = await store.conta(esegui);
      expect({ passo, letture }).toEqual({ passo, letture: { [appaltoStream(id)]: 1, [ANAGRAFICA_STREAM]: 1 } });
      expect((await store.readAll()).length).toBeGreaterThan(prima);
    }
    const eventi = await store.readStream(appaltoStream(id));
    expect(eventi.map((e) => e.type)).toEqual([
      'AppaltoCreato', 'ClassificazioneImpostata', 'LottoAggiunto', 'LottoModificato', 'LottoAggiunto', 'LottoRimosso', 'AppaltoModificato', 'ProceduraCollegata', 'AppaltoVerificato', 'AppaltoInviato', 'CigRichiesto',
    ]);
    const inviato = eventi.find((e) => e.type === 'AppaltoInviato')!;
    expect(inviato.metadata).toMatchObject({ correlationId: 'corr-1', actor: { userId: 'francesca' } });
    expect(inviato.data).toMatchObject({ richiestaId: inviato.metadata.causationId });
    const dettaglio = await query.execute(new DettaglioAppalto(id, buyer));
    expect(dettaglio).toMatchObject({ id, stato: 'BOZZA', statoRichiesta: 'Richiesta', operazioneInCorso: { operazione: 'CONFERMA' }, datiGara: { oggetto: 'Cancelleria 2025' }, idProcedura: 'PROC-2025-1', lotti: [{ lotIdentifier: 'LOT-0001', importo: '1250.00', cig: 'CIG in fase di acquisizione' }] });
  });

  /**
   * A blocking read from revision 2 (`leggi`) answered by a change of the appalto made 50 ms later:
   * checks the view it answered with, and returns the reads of the appalto's stream meanwhile.
   */
  async function letturaDuranteUnaModifica(id: string, leggi: (q: DettaglioAppalto) => Promise<unknown>): Promise<number | undefined> {
    let dopo: unknown;
    const letture = await store.conta(async () => {
      const attesa = leggi(new DettaglioAppalto(id, buyer, { dopoRevisione: '2', attesa: '10' })).then((v) => (dopo = v));
      await new Promise((r) => setTimeout(r, 50));
      expect(dopo).toBeUndefined();
      await comandi.execute(new ModificaAppalto(id, { datiGara: { ...datiGara, oggetto: 'Carta' }, rup: RUP }, buyer, cmd()));
      await attesa;
    });
    expect(dopo).toMatchObject({ revisione: 3, datiGara: { oggetto: 'Carta' } });
    return letture[appaltoStream(id)];
  }

  it('the blocking read answers at the next event of the appalto: authorized first, on the office this instance knows, the stream read once after the wait', async () => {
    const { id } = await bozzaAd5();
    const vista = await query.execute(new DettaglioAppalto(id, buyer));
    expect(vista.revisione).toBe(2);
    await expect(query.execute(new DettaglioAppalto(id, estraneo, { dopoRevisione: '2' }))).rejects.toMatchObject({ name: 'OperazioneNonConsentita' });
    // The command's read and the one after the wait.
    expect(await letturaDuranteUnaModifica(id, (q) => query.execute(q))).toBe(2);
    // A revision already passed: no wait, one read.
    expect(await store.conta(async () => void (await query.execute(new DettaglioAppalto(id, buyer, { dopoRevisione: '1' }))))).toMatchObject({ [appaltoStream(id)]: 1 });
    await expect(query.execute(new DettaglioAppalto(id, buyer, { dopoRevisione: 'x' }))).rejects.toMatchObject({ name: 'ParametroNonValido' });
  });

  it('attendiEsito: from the conferma, one request waits through the steps ANAC takes to its outcome, reading once per change', async () => {
    const { id, lotIdentifier } = await bozzaAd5();
    const { revisione } = await comandi.execute(new ConfermaAppalto(id, buyer, cmd()));
    let vista: Awaited<ReturnType<typeof query.execute<DettaglioAppalto>>> | undefined;
    const cig = generaCig('SIMOG_PCP', 4243);
    const contesto = { now: clock.now(), newId: () => ids.uuid(), responsabileNelCdc: () => true, cigValido: isCigValido };
    const anac = (comando: AppaltoCommand, su = id) => aggregates.execute(appaltoStream(su), appaltoDecider, comando, contesto, { ...meta, attore: { sistema: 'anac-pcp' } });
    const letture = await store.conta(async () => {
      const attesa = query.execute(new DettaglioAppalto(id, buyer, { dopoRevisione: String(revisione), attesa: '10', attendiEsito: 'si' })).then((v) => (vista = v));
      await new Promise((r) => setTimeout(r, 50));
      await anac({ type: 'RegistraAppaltoAnac', idAppaltoAnac: 'ID-ANAC-2' });
      await new Promise((r) => setTimeout(r, 50));
      // ANAC has the draft, the conferma is still on its way: the read goes on waiting.
      expect(vista).toBeUndefined();
      await anac({ type: 'RegistraConferma', idAppaltoAnac: 'ID-ANAC-2', idAvviso: 'AV-2', cig: [{ lotIdentifier, cig }] });
      await attesa;
    });
    expect(vista).toMatchObject({ stato: 'CONF', revisione: revisione! + 2, lotti: [{ lotIdentifier, cig }] });
    // The two commands' reads and one read of the blocking read after each change; none per check.
    expect(letture[appaltoStream(id)]).toBe(4);
    // Without attendiEsito the first change is the answer, the operation still in progress.
    const altra = await bozzaAd5();
    const inviata = await comandi.execute(new ConfermaAppalto(altra.id, buyer, cmd()));
    const primo = query.execute(new DettaglioAppalto(altra.id, buyer, { dopoRevisione: String(inviata.revisione), attesa: '10' }));
    await new Promise((r) => setTimeout(r, 50));
    await anac({ type: 'RegistraAppaltoAnac', idAppaltoAnac: 'ID-ANAC-3' }, altra.id);
    expect(await primo).toMatchObject({ revisione: inviata.revisione! + 1, operazioneInCorso: expect.objectContaining({ operazione: 'CONFERMA' }) });
    // No operation in progress: nothing to wait for beyond the revision.
    const ferma = await bozzaAd5();
    expect(await query.execute(new DettaglioAppalto(ferma.id, buyer, { dopoRevisione: '0', attendiEsito: 'si' }))).toMatchObject({ stato: 'BOZZA', revisione: 2 });
    await expect(query.execute(new DettaglioAppalto(id, buyer, { attendiEsito: 'si' }))).rejects.toMatchObject({ name: 'ParametroNonValido' });
    await expect(query.execute(new DettaglioAppalto(id, buyer, { dopoRevisione: '0', attendiEsito: 'forse' }))).rejects.toMatchObject({ name: 'ParametroNonValido' });
  });

  it('an instance that never read the appalto reads it before the wait, to authorize on it, and again after', async () => {
    const { id } = await bozzaAd5();
    // Another instance on the same store: it knows no appalto's office.
    const altra = new DettaglioAppaltoHandler(
      new ComandiAppalto(aggregates, modulo.get(AnagraficaService), clock, ids, modulo.get(REGOLE_ANAC), clock),
      modulo.get(OsservatoreStream), modulo.get(PG_POOL), clock, modulo.get(APP_CONFIG),
    );
    // The read before the wait, the command's, the read after the wait.
    expect(await letturaDuranteUnaModifica(id, (q) => altra.execute(q))).toBe(3);
    // Now it knows the office: a caller of another office is refused without a read.
    expect(await store.conta(() => expect(altra.execute(new DettaglioAppalto(id, estraneo, { dopoRevisione: '3', attesa: '10' }))).rejects.toMatchObject({ name: 'OperazioneNonConsentita' }))).toEqual({});
  });

  it("every command answers the appalto's revision after it, the view's own, so a client follows it from there without reading it first", async () => {
    const creato = await comandi.execute(new CreaAppalto({ scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara }, buyer, cmd()));
    expect(creato.revisione).toBe(0);
    const classificato = await comandi.execute(new ImpostaClassificazione(creato.id, [{ codice: '30192000-1', principale: true }], buyer, cmd()));
    const aggiunto = await comandi.execute(new AggiungiLotto(creato.id, lotto, buyer, cmd()));
    expect([classificato.revisione, aggiunto.revisione]).toEqual([1, 2]);
    expect((await query.execute(new DettaglioAppalto(creato.id, buyer))).revisione).toBe(2);
    const inviato = await comandi.execute(new ConfermaAppalto(creato.id, buyer, cmd()));
    expect(inviato.revisione).toBe((await query.execute(new DettaglioAppalto(creato.id, buyer))).revisione);
    const copia = await comandi.execute(new CopiaAppalto(creato.id, buyer, cmd()));
    expect(copia.revisione).toBe(0);
    expect(await comandi.execute(new CancellaAppalto(copia.id, 'doppione', buyer, cmd()))).toMatchObject({ stato: 'CANC', revisione: 1 });
  });

  it('the verifica answers its outcome from the decided state: problems by section, without reading the stream again', async () => {
    const { id } = await comandi.execute(new CreaAppalto({ scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara }, buyer, cmd()));
    let esito: unknown;
    const letture = await store.conta(async () => (esito = await comandi.execute(new VerificaAppalto(id, buyer, cmd()))));
    expect(letture[appaltoStream(id)]).toBe(1);
    expect(esito).toMatchObject({ id, esito: 'KO', stato: 'BOZZA', sezioni: { lotti: expect.arrayContaining([expect.objectContaining({ campo: expect.any(String) })]) } });
    const ok = await bozzaAd5();
    expect(await comandi.execute(new VerificaAppalto(ok.id, buyer, cmd()))).toMatchObject({ esito: 'OK', problemi: [], sezioni: {} });
  });

  it('queries and commands are refused, appending nothing, to a caller of another office or for an appalto that does not exist', async () => {
    const { id } = await bozzaAd5();
    const prima = (await store.readStream(appaltoStream(id))).length;
    await expect(comandi.execute(new ModificaLotto(id, 'LOT-0001', lotto, estraneo, cmd()))).rejects.toMatchObject({ name: 'OperazioneNonConsentita' });
    await expect(query.execute(new DettaglioAppalto(id, estraneo))).rejects.toMatchObject({ name: 'OperazioneNonConsentita' });
    await expect(query.execute(new TrasmissioniAppalto(id, estraneo))).rejects.toMatchObject({ name: 'OperazioneNonConsentita' });
    await expect(comandi.execute(new VerificaAppalto('00000000-0000-4000-8000-000000000099', buyer, cmd()))).rejects.toMatchObject({ code: 'APPALTO_NON_TROVATO' });
    expect(await store.readStream(appaltoStream(id))).toHaveLength(prima);
  });

  it('the log of transmissions waits for read-your-writes in its handler, once the caller is authorized', async () => {
    const { id } = await bozzaAd5();
    const posizione = '00000000000000000001/00000000000000000001';
    let letto: unknown;
    const letture = await store.conta(async () => (letto = await query.execute(new TrasmissioniAppalto(id, buyer, posizione))));
    expect(attese).toEqual(['trasmissioni']);
    expect(letto).toEqual({ righe: [], consistenza: 'completa' });
    expect(letture).toEqual({ [appaltoStream(id)]: 1 });
    // Another office: refused before any wait.
    await expect(query.execute(new TrasmissioniAppalto(id, estraneo, posizione))).rejects.toMatchObject({ name: 'OperazioneNonConsentita' });
    expect(attese).toEqual(['trasmissioni']);
    // No position, no wait and no header; a position a command never gave is a 400 (POSIZIONE_NON_VALIDA).
    expect(await query.execute(new TrasmissioniAppalto(id, buyer))).toEqual({ righe: [], consistenza: undefined });
    await expect(query.execute(new TrasmissioniAppalto(id, buyer, 'ieri'))).rejects.toMatchObject({ code: 'POSIZIONE_NON_VALIDA' });
    expect(attese).toEqual(['trasmissioni']);
  });

  it('copia reads the origin once and writes a new draft; cancella of a draft cancels it at once', async () => {
    const { id } = await bozzaAd5();
    let copia: { id: string; stato: string } | undefined;
    const letture = await store.conta(async () => (copia = await comandi.execute(new CopiaAppalto(id, buyer, cmd()))));
    expect(letture).toEqual({ [appaltoStream(id)]: 1 });
    expect(copia).toMatchObject({ stato: 'BOZZA', statoRichiesta: 'Bozza' });
    expect((await query.execute(new DettaglioAppalto(copia!.id, buyer))).lotti).toHaveLength(1);
    const cancellata = await comandi.execute(new CancellaAppalto(copia!.id, 'non serve più', buyer, cmd()));
    expect(cancellata).toMatchObject({ id: copia!.id, stato: 'CANC' });
  });

  it('a confirmed request: GET /cig/:cig and utilizza read the CIG stream and the appalto stream once each', async () => {
    const { id, lotIdentifier } = await bozzaAd5();
    await comandi.execute(new ConfermaAppalto(id, buyer, cmd()));
    const cig = await confermataDaAnac(id, lotIdentifier);

    let dettaglio: unknown;
    const letture = await store.conta(async () => (dettaglio = await query.execute(new DettaglioCig(cig, buyer))));
    expect(letture).toEqual({ [cigStream(cig)]: 1, [appaltoStream(id)]: 1 });
    expect(dettaglio).toMatchObject({ cig, stato: 'PERFEZIONATO', perfezionato: true, appalto: { id, stato: 'CONF' } });

    let usato: unknown;
    const lettureUso = await store.conta(async () => (usato = await comandi.execute(new UtilizzaCig(cig, { idProcedura: 'PROC-1' }, buyer, cmd()))));
    expect(lettureUso).toEqual({ [cigStream(cig)]: 1, [appaltoStream(id)]: 1 });
    expect(usato).toMatchObject({ cig, posizione: expect.any(String) });
    expect((await store.readStream(cigStream(cig))).map((e) => e.type)).toContain('CigUtilizzato');
    await expect(query.execute(new DettaglioCig(cig, estraneo))).rejects.toMatchObject({ name: 'OperazioneNonConsentita' });
  });

  it('after the conferma: publication, replacement of the avviso and cancellation are requested once each', async () => {
    const { id: aperta } = await comandi.execute(new CreaAppalto({ scheda: 'P2_16', tipoProcedura: 'APERTA', centroDiCosto: CDC, rup: RUP, datiGara }, buyer, cmd()));
    // The draft is enough to show that the requests reach the decider: refused in BOZZA, nothing appended.
    await expect(comandi.execute(new PubblicaAppalto(aperta, buyer, cmd()))).rejects.toMatchObject({ kind: expect.any(String) });
    await expect(comandi.execute(new ModificaAvviso(aperta, {}, buyer, cmd()))).rejects.toMatchObject({ kind: expect.any(String) });
    expect(await store.readStream(appaltoStream(aperta))).toHaveLength(1);

    const { id, lotIdentifier } = await bozzaAd5();
    await comandi.execute(new ConfermaAppalto(id, buyer, cmd()));
    await confermataDaAnac(id, lotIdentifier);
    const cancellazione = await comandi.execute(new CancellaAppalto(id, 'revoca', buyer, cmd()));
    expect(cancellazione).toMatchObject({ id, stato: 'CONF' });
    expect((await store.readStream(appaltoStream(id))).at(-1)!.type).toBe('CancellazioneRichiesta');
  });
});
