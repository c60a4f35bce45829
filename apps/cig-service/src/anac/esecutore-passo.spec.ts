import { Test } from '@nestjs/testing';
import { generaCig, isCigValido, type AnacCall, type AnacFailure, type AnacGateway, type AnacResult, type EsitoOperazione, type StatoPcp } from '#anac';
import { appaltoDecider, appaltoStream, praticaAnacStream, type AppaltoCommand, type CigLotto } from '#domain';
import { InMemoryEventStore } from '#event-store';
import { CLOCK, ID_GENERATOR, ManualClock, Metrics, randomIds, type Logger } from '#platform';
import { AggregateStore } from '../infrastructure/aggregate-store.js';
import { EVENT_STORE } from '../infrastructure/tokens.js';
import { ANAC_GATEWAY } from './anac.tokens.js';
import { EsecutorePasso } from './esecutore-passo.js';
import type { EsitoPasso } from './passi/esito-passo.js';
import type { Passo, Pratica } from './pratiche.store.js';

/**
 * A fake ANAC holding one appalto: its state, its esiti per operation, the CIGs it issued, and
 * the state-changing operations it received. Every call leaves one HTTP exchange, as the real
 * gateway does, so that the transmission log can be checked. `guasto` makes the next call fail.
 */
class AnacFinta {
  stato: StatoPcp = 'IN_LAV';
  idAppalto: string | undefined;
  esiti: EsitoOperazione[] = [];
  cig: CigLotto[] = [];
  ricevute: string[] = [];
  guasto: AnacFailure | undefined;
  /** Whether an asynchronous operation ends at once (OK), refused (KO) or stays WT. */
  prossimoEsito: 'OK' | 'KO' | 'WT' = 'OK';
  private n = 0;

  constructor(private readonly lotti: readonly string[]) {}

  private risposta<T>(operazione: AnacCall['operazione'], value: T): Promise<AnacResult<T>> {
    const call: AnacCall = {
      operazione, method: 'POST', path: `/ComunicaAppalto/v1/${operazione}`, requestId: `req-${++this.n}`, attempt: 1,
      startedAt: '2025-03-01T09:00:00.000Z', durationMs: 12, httpStatus: this.guasto ? 503 : 200, outcome: this.guasto ? 'ERRORE' : 'OK', errori: [],
    } as unknown as AnacCall;
    const guasto = this.guasto;
    this.guasto = undefined;
    return Promise.resolve(guasto ? { ok: false, failure: guasto, calls: [call] } : { ok: true, value, calls: [call] });
  }

  private asincrona(operazione: AnacCall['operazione'], tipo: string, ok: () => void, extra: Partial<EsitoOperazione> = {}): Promise<AnacResult<void>> {
    if (!this.guasto) {
      this.ricevute.push(operazione);
      const esito = this.prossimoEsito;
      if (esito === 'OK') ok();
      const errori = esito === 'KO' ? [{ codice: 'REG99', descrizione: 'Importo del lotto non coerente' }] : [];
      this.esiti.unshift({ tipoOperazione: tipo, esito, dettaglio: `${tipo}_${esito}`, errori, ...extra } as EsitoOperazione);
    }
    return this.risposta(operazione, undefined);
  }

  private emetti(progressivo: number): CigLotto[] {
    return this.lotti.map((lotIdentifier, i) => ({ lotIdentifier, cig: generaCig('SIMOG_PCP', progressivo + i) }));
  }

  gateway(): AnacGateway {
    return {
      creaAppalto: () => {
        if (!this.guasto) {
          this.ricevute.push('crea-appalto');
          this.idAppalto = 'ID-ANAC-1';
        }
        return this.risposta('crea-appalto', { idAppalto: 'ID-ANAC-1' });
      },
      modificaAppalto: () => {
        if (!this.guasto) this.ricevute.push('modifica-appalto');
        return this.risposta('modifica-appalto', { idAppalto: this.idAppalto! });
      },
      confermaAppalto: () => this.asincrona('conferma-appalto', 'AP_CONF', () => {
        this.stato = 'CONF';
        this.cig = this.emetti(100);
      }, { idAvviso: 'AV-1' }),
      pubblicaAvviso: () => this.asincrona('pubblica-avviso', 'AV_PUBB', () => (this.stato = 'PUBB')),
      modificaAvviso: () => this.asincrona('modifica-avviso', 'AV_MOD', () => (this.cig = this.emetti(200)), { idAvviso: 'AV-1', idNuovoAvviso: 'AV-2' }),
      cancellaAppalto: () => {
        if (!this.guasto) {
          this.ricevute.push('cancella-appalto');
          this.stato = 'CANC';
        }
        return this.risposta('cancella-appalto', undefined);
      },
      verificaAppalto: () => this.asincrona('verifica-appalto', 'AP_VERIF', () => undefined),
      esitoOperazione: (_c, r) => {
        const trovati = this.esiti.filter((e) => e.tipoOperazione === r.tipoOperazione);
        return this.risposta('esito-operazione', r.tipoRicerca === 'ULTIMO_ESITO' ? trovati.slice(0, 1) : trovati);
      },
      statoAppalto: () => this.risposta('stato-appalto', this.stato),
      ricercaAppalto: (_c, f) => this.risposta('ricerca-appalto', this.idAppalto ? [{ idAppalto: this.idAppalto, codiceAppalto: f.codiceAppalto, stato: this.stato }] as never : []),
      recuperaCig: () => this.risposta('recupera-cig', this.cig),
      consultaAppalto: () => Promise.reject(new Error('not used by the steps')),
    };
  }
}

const silenzioso = { child: () => silenzioso, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;
const PERSONA = { userId: 'marco', nome: 'Marco Giovannetti', codiceFiscale: 'GVNMRC70A01D612Q' };
const SA = { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000246180' };

/** The ANAC process manager's steps, one by one, on the in-memory event store with a fake ANAC. */
describe('ANAC practice steps on the in-memory event store, against a fake ANAC', () => {
  let store: InMemoryEventStore;
  let aggregates: AggregateStore;
  let esecutore: EsecutorePasso;
  let anac: AnacFinta;
  let clock: ManualClock;
  const appaltoId = '6f0c1a52-8d8e-4b0c-9a39-3f7c2d0b1e11';

  async function prepara(lotti: number, procedura: 'AFFIDAMENTO_DIRETTO' | 'APERTA', inviato = true): Promise<void> {
    store = new InMemoryEventStore();
    clock = new ManualClock('2025-03-01T09:00:00Z');
    aggregates = new AggregateStore(store, clock, randomIds);
    anac = new AnacFinta(Array.from({ length: lotti }, (_, i) => `LOT-000${i + 1}`));
    const modulo = await Test.createTestingModule({
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: clock },
        { provide: ID_GENERATOR, useValue: randomIds },
        { provide: AggregateStore, useValue: aggregates },
        { provide: ANAC_GATEWAY, useFactory: () => anac.gateway() },
        { provide: Metrics, useValue: new Metrics() },
        EsecutorePasso,
      ],
    }).compile();
    esecutore = modulo.get(EsecutorePasso);
    const diretto = procedura === 'AFFIDAMENTO_DIRETTO';
    const importo = diretto ? '1250.00' : '10000.00';
    await comandi(
      {
        type: 'CreaAppalto', appaltoId, scheda: diretto ? 'AD5' : 'P2_16', tipoProcedura: procedura, stazioneAppaltante: SA,
        centroDiCosto: { codice: 'CDC-T', denominazione: 'Contratti' }, ufficio: 'UFF-T', rup: PERSONA, creatoDa: PERSONA,
        datiGara: diretto
          ? { oggetto: 'Cancelleria', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' }
          : { oggetto: 'Pulizie', settore: 'ORDINARIO', oggettoPrincipale: 'SERVIZI', scadenzaPresentazioneOfferte: '2036-12-15T12:00:00Z', urlDocumenti: 'https://appalti.example.it/gara/1' },
      },
      { type: 'ImpostaClassificazione', cpv: [{ codice: diretto ? '30192000-1' : '90910000-9', principale: true }] },
      ...Array.from({ length: lotti }, (): AppaltoCommand => ({
        type: 'AggiungiLotto',
        dati: {
          oggetto: 'Lotto', oggettoContratto: diretto ? 'FORNITURE' : 'SERVIZI', importo, cpv: diretto ? '30192000-1' : '90910000-9', luogoIstat: '048017', durataGiorni: 90,
          ...(diretto ? { aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'Cartoleria Esempio S.r.l.', importo }] } } : {}),
        },
      })),
      ...(inviato ? [{ type: 'InviaAppalto', richiestaId: 'req-conferma' } as const] : []),
    );
  }

  async function comandi(...lista: AppaltoCommand[]): Promise<void> {
    const contesto = { now: clock.now(), newId: () => randomIds.uuid(), responsabileNelCdc: () => true, cigValido: isCigValido };
    for (const c of lista) await aggregates.execute(appaltoStream(appaltoId), appaltoDecider, c, contesto, { attore: { sistema: 'test' }, correlationId: 'c', causationId: c.type });
  }

  const pratica = (operazione: Pratica['operazione'], passo: Passo, richiestaId: string, dati: Pratica['dati'] = {}): Pratica => ({
    appaltoId, operazione, richiestaId, passo, stato: 'ATTIVA', tentativi: 1, tentativiPasso: 0, interrogazioni: 0, inVolo: false,
    prossimoTentativo: clock.now(), dati, creataIl: clock.now(), aggiornataIl: clock.now(),
  });

  /** The worker's loop without its table: each step on the appalto read afresh, on to the next while the step says `vai`. */
  async function porta(p: Pratica): Promise<{ passi: Passo[]; esito: EsitoPasso; rifiuto: string | undefined }> {
    let corrente = p;
    const passi: Passo[] = [];
    for (let i = 0; i < 10; i++) {
      passi.push(corrente.passo);
      const appalto = await esecutore.appalto(appaltoId);
      const { esito, rifiuto } = await esecutore.esegui(corrente, corrente.passo, appalto!, false, silenzioso);
      if (esito.tipo !== 'vai' || rifiuto) return { passi, esito, rifiuto };
      // Each step starts a new attempt of the practice (PraticheStore.inizia): its events get ids of their own.
      corrente = { ...corrente, passo: esito.passo, dati: esito.dati ?? corrente.dati, tentativi: corrente.tentativi + 1 };
    }
    throw new Error(`no end after ${passi.join(' → ')}`);
  }

  const tipiAppalto = async () => (await store.readStream(appaltoStream(appaltoId))).map((e) => e.type);
  const trasmissioni = async () => (await store.readStream(praticaAnacStream(appaltoId)).catch(() => [])).filter((e) => e.type === 'TrasmissioneAnacEseguita').map((e) => (e.data as { chiamata: { operazione: string } }).chiamata.operazione);
  const stato = async () => (await esecutore.appalto(appaltoId))!.appalto;

  it('conferma: crea-appalto, conferma-appalto, esito, recupera-cig; the appalto records the ANAC id and the CIGs, every exchange is logged', async () => {
    await prepara(2, 'AFFIDAMENTO_DIRETTO');
    const { passi, esito } = await porta(pratica('CONFERMA', 'AVVIO', 'req-conferma'));
    expect(passi).toEqual(['AVVIO', 'CREA', 'CONFERMA', 'ESITO_CONFERMA', 'RECUPERA_CIG']);
    expect(esito).toMatchObject({ tipo: 'fine', stato: 'COMPLETATA' });
    expect(anac.ricevute).toEqual(['crea-appalto', 'conferma-appalto']);
    expect(await trasmissioni()).toEqual(['crea-appalto', 'conferma-appalto', 'esito-operazione', 'recupera-cig']);
    const a = await stato();
    expect(a).toMatchObject({ stato: 'CONF', idAppaltoAnac: 'ID-ANAC-1', idAvviso: 'AV-1' });
    expect(a.cig.map((c) => c.cig)).toEqual(anac.cig.map((c) => c.cig));
    expect(await tipiAppalto()).toEqual(expect.arrayContaining(['AppaltoRegistratoAnac', 'AppaltoConfermato']));
  });

  it('conferma of an appalto ANAC already holds (resent after a KO): modifica-appalto instead of crea-appalto', async () => {
    await prepara(1, 'AFFIDAMENTO_DIRETTO');
    await comandi({ type: 'RegistraAppaltoAnac', idAppaltoAnac: 'ID-ANAC-1' });
    anac.idAppalto = 'ID-ANAC-1';
    const { passi } = await porta(pratica('CONFERMA', 'AVVIO', 'req-conferma'));
    expect(passi).toEqual(['AVVIO', 'MODIFICA', 'CONFERMA', 'ESITO_CONFERMA', 'RECUPERA_CIG']);
    expect(anac.ricevute).toEqual(['modifica-appalto', 'conferma-appalto']);
  });

  it('while ANAC works (WT) the step waits, and a KO hands the request back with ANAC’s errors', async () => {
    await prepara(1, 'AFFIDAMENTO_DIRETTO');
    anac.prossimoEsito = 'WT';
    expect((await porta(pratica('CONFERMA', 'AVVIO', 'req-conferma'))).esito).toMatchObject({ tipo: 'attendi', motivo: 'esito in attesa (WT)' });
    anac.esiti[0] = { ...anac.esiti[0]!, esito: 'KO', errori: [{ codice: 'REG99', descrizione: 'Importo del lotto non coerente' }] } as EsitoOperazione;
    const { esito } = await porta(pratica('CONFERMA', 'ESITO_CONFERMA', 'req-conferma'));
    expect(esito).toMatchObject({ tipo: 'fine', stato: 'RESPINTA' });
    expect(await stato()).toMatchObject({ stato: 'IN_LAV', ultimoEsitoAnac: { operazione: 'CONFERMA', errori: [expect.objectContaining({ codice: 'REG99' })] } });
  });

  it('ANAC unreachable: the step asks to be retried and records the failed exchange, nothing changes on the appalto', async () => {
    await prepara(1, 'AFFIDAMENTO_DIRETTO');
    const prima = await tipiAppalto();
    anac.guasto = { categoria: 'RETRYABLE', errori: [], messaggio: 'ANAC non raggiungibile' } as AnacFailure;
    const { passi, esito } = await porta(pratica('CONFERMA', 'CREA', 'req-conferma'));
    expect(passi).toEqual(['CREA']);
    expect(esito).toMatchObject({ tipo: 'ritenta' });
    expect(await trasmissioni()).toEqual(['crea-appalto']);
    expect(await tipiAppalto()).toEqual(prima);
  });

  it('a crea-appalto whose answer was lost is found again by codiceAppalto, never created twice', async () => {
    await prepara(1, 'AFFIDAMENTO_DIRETTO');
    anac.idAppalto = 'ID-ANAC-1';
    const { passi } = await porta(pratica('CONFERMA', 'RICONCILIA_CREA', 'req-conferma'));
    expect(passi).toEqual(['RICONCILIA_CREA', 'CONFERMA', 'ESITO_CONFERMA', 'RECUPERA_CIG']);
    expect(anac.ricevute).toEqual(['conferma-appalto']);
    expect(await stato()).toMatchObject({ stato: 'CONF', idAppaltoAnac: 'ID-ANAC-1' });
  });

  it('a request withdrawn before its conferma reached ANAC is not sent: the practice ends RITIRATA', async () => {
    await prepara(1, 'AFFIDAMENTO_DIRETTO');
    await comandi({ type: 'CancellaAppalto', motivo: 'non serve', richiestaId: 'req-ritiro', richiestoDa: PERSONA });
    const { esito } = await porta(pratica('CONFERMA', 'AVVIO', 'req-conferma'));
    expect(esito).toMatchObject({ tipo: 'fine', stato: 'RITIRATA' });
    expect(anac.ricevute).toEqual([]);
    expect(await trasmissioni()).toEqual([]);
    expect((await stato()).stato).toBe('CANC');
  });

  it('publication still running at ANAC (WT), modifica-avviso meanwhile (new CIGs replace the old ones), then the publication ends', async () => {
    await prepara(2, 'APERTA');
    await porta(pratica('CONFERMA', 'AVVIO', 'req-conferma'));
    const primi = (await stato()).cig.map((c) => c.cig);

    await comandi({ type: 'RichiediPubblicazione', richiestaId: 'req-pubblica' });
    anac.prossimoEsito = 'WT';
    const pubblica = await porta(pratica('PUBBLICAZIONE', 'PUBBLICA', 'req-pubblica'));
    expect(pubblica.passi).toEqual(['PUBBLICA', 'ESITO_PUBBLICAZIONE']);
    expect(pubblica.esito).toMatchObject({ tipo: 'attendi' });

    anac.prossimoEsito = 'OK';
    await comandi({ type: 'RichiediModificaAvviso', richiestaId: 'req-avviso' });
    const modifica = await porta(pratica('MODIFICA_AVVISO', 'MODIFICA_AVVISO', 'req-avviso'));
    expect(modifica.passi).toEqual(['MODIFICA_AVVISO', 'ESITO_MODIFICA_AVVISO', 'RECUPERA_CIG_MODIFICA']);
    expect(modifica.esito).toMatchObject({ tipo: 'fine', stato: 'COMPLETATA' });
    const a = await stato();
    expect(a.idAvviso).toBe('AV-2');
    expect(a.cigSostituiti.map((c) => c.cig).sort()).toEqual([...primi].sort());
    expect(a.cig.map((c) => c.cig)).toEqual(anac.cig.map((c) => c.cig));

    anac.esiti.unshift({ tipoOperazione: 'AV_PUBB', esito: 'OK', dettaglio: 'AV_PUBB_OK', errori: [] } as EsitoOperazione);
    const fine = await porta(pratica('PUBBLICAZIONE', 'ESITO_PUBBLICAZIONE', 'req-pubblica'));
    expect(fine.esito).toMatchObject({ tipo: 'fine', stato: 'COMPLETATA' });
    expect(fine.rifiuto).toBeUndefined();
    expect((await stato()).stato).toBe('PUBB');
    expect(anac.ricevute).toEqual(['crea-appalto', 'conferma-appalto', 'pubblica-avviso', 'modifica-avviso']);
  });

  it('cancellation of a confirmed appalto: cancella-appalto, and a lost answer is checked with stato-appalto, not repeated', async () => {
    await prepara(1, 'AFFIDAMENTO_DIRETTO');
    await porta(pratica('CONFERMA', 'AVVIO', 'req-conferma'));
    await comandi({ type: 'CancellaAppalto', motivo: 'revoca', richiestaId: 'req-cancella', richiestoDa: PERSONA });
    const cancella = await porta(pratica('CANCELLAZIONE', 'CANCELLA', 'req-cancella', { motivo: 'revoca' }));
    expect(cancella.esito).toMatchObject({ tipo: 'fine', stato: 'COMPLETATA' });
    expect((await stato()).stato).toBe('CANC');
    const verifica = await porta(pratica('CANCELLAZIONE', 'VERIFICA_CANCELLAZIONE', 'req-cancella-2', { motivo: 'revoca' }));
    expect(verifica.passi).toEqual(['VERIFICA_CANCELLAZIONE']);
    expect(anac.ricevute).toEqual(['crea-appalto', 'conferma-appalto', 'cancella-appalto']);
  });

  it('verification at ANAC: crea-appalto, verifica-appalto, esito AP_VERIF; the verdict is recorded next to the local one, nothing locked', async () => {
    await prepara(1, 'AFFIDAMENTO_DIRETTO', false);
    await comandi({ type: 'VerificaAppalto', anac: { richiestaId: 'req-verifica' } });
    anac.prossimoEsito = 'WT';
    const attesa = await porta(pratica('VERIFICA', 'AVVIO', 'req-verifica'));
    expect(attesa.passi).toEqual(['AVVIO', 'CREA', 'VERIFICA_ANAC', 'ESITO_VERIFICA']);
    expect(attesa.esito).toMatchObject({ tipo: 'attendi', motivo: 'verifica in corso (WT)' });
    expect(await stato()).toMatchObject({ stato: 'IN_LAV', idAppaltoAnac: 'ID-ANAC-1', verificaAnac: { esito: 'IN_CORSO' } });

    anac.esiti[0] = { ...anac.esiti[0]!, esito: 'KO', errori: [{ codice: 'REG99', descrizione: 'Importo del lotto non coerente' }] } as EsitoOperazione;
    const fine = await porta(pratica('VERIFICA', 'ESITO_VERIFICA', 'req-verifica'));
    expect(fine.esito).toMatchObject({ tipo: 'fine', stato: 'COMPLETATA' });
    expect(fine.rifiuto).toBeUndefined();
    const a = await stato();
    expect(a.verifica).toMatchObject({ esito: 'OK' });
    expect(a.verificaAnac).toMatchObject({ richiestaId: 'req-verifica', esito: 'KO', errori: [{ codice: 'REG99' }] });
    expect(a.operazioneInCorso).toBeUndefined();
    expect(anac.ricevute).toEqual(['crea-appalto', 'verifica-appalto']);
    expect(await trasmissioni()).toEqual(['crea-appalto', 'verifica-appalto', 'esito-operazione', 'esito-operazione']);

    // Verified again, then sent: ANAC already holds the draft, so it is replaced, not created twice.
    anac.prossimoEsito = 'OK';
    await comandi({ type: 'VerificaAppalto', anac: { richiestaId: 'req-verifica-2' } });
    expect((await porta(pratica('VERIFICA', 'AVVIO', 'req-verifica-2'))).passi).toEqual(['AVVIO', 'MODIFICA', 'VERIFICA_ANAC', 'ESITO_VERIFICA']);
    expect((await stato()).verificaAnac).toMatchObject({ richiestaId: 'req-verifica-2', esito: 'OK', errori: [] });
  });

  it('ANAC refusing the draft during a verification is its KO verdict', async () => {
    await prepara(1, 'AFFIDAMENTO_DIRETTO', false);
    await comandi({ type: 'VerificaAppalto', anac: { richiestaId: 'req-verifica' } });
    anac.guasto = { categoria: 'RIFIUTATA', errori: [{ codice: 'REG12', descrizione: 'Scheda non valida' }], messaggio: 'rifiutata' } as unknown as AnacFailure;
    const { esito, rifiuto } = await porta(pratica('VERIFICA', 'CREA', 'req-verifica'));
    expect(esito).toMatchObject({ tipo: 'fine', stato: 'RESPINTA' });
    expect(rifiuto).toBeUndefined();
    expect((await stato()).verificaAnac).toMatchObject({ esito: 'KO', errori: [{ codice: 'REG12' }] });
    expect((await stato()).stato).toBe('BOZZA');
  });

  it('an outcome the appalto refuses ends the practice with the reason instead of retrying forever', async () => {
    await prepara(1, 'AFFIDAMENTO_DIRETTO');
    await porta(pratica('CONFERMA', 'AVVIO', 'req-conferma'));
    // A publication of a direct award, which has none: the appalto refuses what ANAC would answer.
    anac.esiti.unshift({ tipoOperazione: 'AV_PUBB', esito: 'OK', dettaglio: 'AV_PUBB_OK', errori: [] } as EsitoOperazione);
    const prima = await tipiAppalto();
    const { esito, rifiuto } = await porta(pratica('PUBBLICAZIONE', 'ESITO_PUBBLICAZIONE', 'req-x', { idAvviso: 'AV-1' }));
    expect(esito).toMatchObject({ tipo: 'fine', stato: 'COMPLETATA', comandi: [{ type: 'RegistraPubblicazione' }] });
    expect(rifiuto).toMatch(/^Esito ANAC non registrabile: /);
    expect(await tipiAppalto()).toEqual(prima);
  });

  it('a step reads the appalto once and records its commands without reading it again', async () => {
    let letture = 0;
    await prepara(1, 'AFFIDAMENTO_DIRETTO');
    const leggi = store.readStream.bind(store);
    store.readStream = (id, o) => {
      if (id === appaltoStream(appaltoId)) letture++;
      return leggi(id, o);
    };
    const appalto = await esecutore.appalto(appaltoId);
    const { esito } = await esecutore.esegui(pratica('CONFERMA', 'CREA', 'req-conferma'), 'CREA', appalto!, false, silenzioso);
    expect(esito).toMatchObject({ tipo: 'vai', passo: 'CONFERMA', comandi: [{ type: 'RegistraAppaltoAnac' }] });
    expect(letture).toBe(1);
    expect((await stato()).idAppaltoAnac).toBe('ID-ANAC-1');
  });
});
