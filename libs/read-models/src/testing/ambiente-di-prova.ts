/**
 * For integration specs of the read models: a throw-away database (name says test) with the
 * event store, checkpoints and read-model migrations, and builders of the events of a request.
 */
import { randomUUID } from 'node:crypto';
import { generaCig } from '#anac';
import type { AppaltoCreatoData, AppaltoEvent, CigEvent, PraticaAnacEvent, TipoProcedura } from '#domain';
import { CheckpointStore, PostgresEventStore, type Consumer, type EventData, type EventMetadata, type Position, type RecordedEvent } from '#event-store';
import { deterministicUuid } from '#platform';
import { createTestDatabase, type TestDatabase } from '../../../platform/src/testing/scratch-database.js';
import { migraModelliDiLettura } from '../data-source.js';
import { riproduci } from '../ricostruzione/riproduzione.js';

export interface AmbienteDiProva {
  readonly db: TestDatabase;
  readonly store: PostgresEventStore;
  readonly checkpoints: CheckpointStore;
  scrivi(flussi: readonly Flusso[]): Promise<void>;
  /** Every event of the log, once all the appends of this test are visible (past the read horizon). */
  eventi(): Promise<RecordedEvent[]>;
  /** Brings `consumer`'s tables in `schema` (default public) up to the head of the log. */
  proietta(consumer: Consumer, opzioni?: { schema?: string; batchSize?: number; nome?: string }): Promise<void>;
  close(): Promise<void>;
}

export interface Flusso {
  readonly streamId: string;
  readonly eventi: readonly EventData[];
}

export async function ambienteDiProva(): Promise<AmbienteDiProva> {
  const db = await createTestDatabase(20);
  const store = new PostgresEventStore(db.pool, { pollIntervalMs: 20 });
  await store.migrate();
  const checkpoints = new CheckpointStore(db.pool);
  await checkpoints.migrate();
  await migraModelliDiLettura(db.url);
  let ultima: Position | undefined;
  return {
    db,
    store,
    checkpoints,
    async scrivi(flussi) {
      for (const f of flussi) ultima = (await store.appendToStream(f.streamId, f.eventi)).position;
    },
    async eventi() {
      const limite = Date.now() + 20_000;
      for (;;) {
        const tutti: RecordedEvent[] = [];
        for (let pagina = await store.readAll({ maxCount: 1000 }); pagina.length > 0; pagina = await store.readAll({ fromPosition: pagina.at(-1)!.position, maxCount: 1000 })) tutti.push(...pagina);
        if (ultima === undefined || tutti.some((e) => e.position === ultima)) return tutti;
        if (Date.now() > limite) throw new Error(`the log did not show ${ultima}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async proietta(consumer, opzioni = {}) {
      // A replay stops at the read horizon; other transactions of the cluster may hold it back a moment.
      const nome = opzioni.nome ?? consumer.name;
      const limite = Date.now() + 20_000;
      for (;;) {
        await riproduci(consumer, { pool: db.pool, store, checkpoints, nome, schema: opzioni.schema ?? 'public', batchSize: opzioni.batchSize });
        const arrivata = await checkpoints.load(nome);
        if (ultima === undefined || (arrivata !== undefined && store.comparePositions(arrivata, ultima) >= 0)) return;
        if (Date.now() > limite) throw new Error(`${nome} did not reach ${ultima}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      await store.close();
      await db.drop();
    },
  };
}

export interface Richiesta {
  readonly id?: string;
  readonly oggetto?: string;
  readonly ufficio?: string;
  readonly rup?: { readonly nome: string; readonly codiceFiscale: string };
  readonly tipo?: TipoProcedura;
  readonly regime?: 'PCP' | 'SIMOG' | 'SMARTCIG';
  /** Amounts of the lots, e.g. ['1250.00', '30000']. */
  readonly lotti?: readonly string[];
  readonly creataIl: string;
  readonly inviataIl?: string;
  readonly idAnac?: string;
  readonly confermataIl?: string;
  readonly pubblicataIl?: string;
  readonly cancellataIl?: string;
  /** ANAC refused the conferma (REG99 on the first lot). */
  readonly respintaIl?: string;
  /** The office asked to withdraw the request while its conferma was with ANAC. */
  readonly ritiroRichiestoIl?: string;
  /** Lots (0-based) whose CIG is used. */
  readonly utilizzati?: readonly number[];
  readonly attore?: string;
  readonly motivazione?: string;
}

let progressivo = 1;

/** The streams of a request as the service writes them (appalto, its CIGs, an ANAC exchange). */
export function richiesta(r: Richiesta): { id: string; cig: string[]; flussi: Flusso[] } {
  const id = r.id ?? randomUUID();
  const tipo = r.tipo ?? 'AFFIDAMENTO_DIRETTO';
  const creato: AppaltoCreatoData = {
    appaltoId: id, regime: r.regime ?? 'PCP', scheda: tipo === 'AFFIDAMENTO_DIRETTO' ? 'AD5' : 'P2_16', tipoProcedura: tipo,
    stazioneAppaltante: { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000226120' },
    centroDiCosto: { codice: 'CDC-TOSCANA-CONTRATTI', denominazione: 'Settore Contratti' }, ufficio: r.ufficio ?? 'UFF-A',
    rup: { userId: 'u-rup', nome: r.rup?.nome ?? 'Marco Giovannetti', codiceFiscale: r.rup?.codiceFiscale ?? 'GVNMRC70A01D612Q' },
    creatoDa: { userId: 'u-buyer', nome: 'Francesca Rossi', codiceFiscale: 'RSSFNC80A41D612J' },
    datiGara: { oggetto: r.oggetto ?? 'Fornitura di materiale di cancelleria', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
    creatoIl: r.creataIl,
  };
  const lotti = (r.lotti ?? ['1250.00']).map((importo, k) => ({
    lotIdentifier: `LOT-${String(k + 1).padStart(4, '0')}`, oggetto: `Lotto ${k + 1}`, oggettoContratto: 'FORNITURE' as const, importo, cpv: '30192000-1', luogoIstat: '048017',
  }));
  const e: AppaltoEvent[] = [{ type: 'AppaltoCreato', data: creato }, ...lotti.map((lotto): AppaltoEvent => ({ type: 'LottoAggiunto', data: { lotto, il: r.creataIl } }))];
  const cig = lotti.map(() => generaCig('SIMOG_PCP', progressivo++, 'B'));
  const flussi: Flusso[] = [];
  const idAnac = r.idAnac ?? randomUUID();
  if (r.inviataIl) {
    e.push({ type: 'AppaltoInviato', data: { richiestaId: 'r-1', il: r.inviataIl } });
    for (const l of lotti) e.push({ type: 'CigRichiesto', data: { lotIdentifier: l.lotIdentifier, richiestaId: 'r-1', il: r.inviataIl } });
    const t: PraticaAnacEvent = {
      type: 'TrasmissioneAnacEseguita',
      data: { appaltoId: id, praticaId: deterministicUuid(id, 'pratica'), operazione: 'CONFERMA', passo: 'crea', tentativo: 1, perContoDi: creato.rup.codiceFiscale,
        chiamata: { operazione: 'crea-appalto', contesto: 'Crea Appalto', requestId: randomUUID(), inizio: r.inviataIl, durataMs: 10, httpStatus: 200, esito: 'OK', descrizione: 'Richiesta elaborata con successo', errori: [] } },
    };
    flussi.push({ streamId: `pratica-anac-${id}`, eventi: [dati(t, r)] });
  }
  if (r.ritiroRichiestoIl) {
    e.push({ type: 'RitiroRichiesto', data: { motivo: 'Procedura annullata', richiestaId: 'r-ritiro', richiestoDa: creato.creatoDa, il: r.ritiroRichiestoIl } });
  }
  if (r.respintaIl) {
    e.push({ type: 'AppaltoRespinto', data: { operazione: 'CONFERMA', errori: [{ codice: 'REG99', descrizione: 'Importo non valido', dettaglio: 'LOT-0001' }], il: r.respintaIl } });
  }
  if (r.confermataIl) {
    e.push({ type: 'AppaltoRegistratoAnac', data: { idAppaltoAnac: idAnac, il: r.confermataIl } });
    e.push({ type: 'AppaltoConfermato', data: { idAppaltoAnac: idAnac, cig: lotti.map((l, k) => ({ lotIdentifier: l.lotIdentifier, cig: cig[k] })), il: r.confermataIl } });
  }
  if (r.pubblicataIl) e.push({ type: 'AppaltoPubblicato', data: { idAvviso: 'avviso-1', il: r.pubblicataIl } });
  if (r.cancellataIl) e.push({ type: 'AppaltoCancellato', data: { motivo: 'Decisione della stazione appaltante', il: r.cancellataIl } });
  flussi.unshift({ streamId: `appalto-${id}`, eventi: e.map((x) => dati(x, r)) });
  if (r.confermataIl) {
    lotti.forEach((l, k) => {
      // Perfected when available: a direct award's at conferma, the others' at publication.
      const perfezionatoIl = tipo === 'AFFIDAMENTO_DIRETTO' ? r.confermataIl : r.pubblicataIl;
      const c: CigEvent[] = [
        { type: 'CigAssegnato', data: { cig: cig[k], regime: 'PCP', appaltoId: id, lotIdentifier: l.lotIdentifier, idAppaltoAnac: idAnac, il: r.confermataIl! } },
        ...(perfezionatoIl ? [{ type: 'CigPerfezionato' as const, data: { cig: cig[k], il: perfezionatoIl } }] : []),
      ];
      if (r.utilizzati?.includes(k)) c.push({ type: 'CigUtilizzato', data: { cig: cig[k], idProcedura: `PROC-${k}`, il: r.confermataIl! } });
      flussi.push({ streamId: `cig-${cig[k]}`, eventi: c.map((x) => dati(x, r)) });
    });
  }
  return { id, cig: r.confermataIl ? cig : [], flussi };
}

function dati(e: { type: string; data: unknown }, r: Richiesta): EventData {
  const d = e.data as { il?: string; creatoIl?: string; chiamata?: { inizio: string } };
  const il = d.il ?? d.creatoIl ?? d.chiamata?.inizio;
  const metadata: EventMetadata = {
    actor: { userId: r.attore ?? 'u-buyer', role: 'BUYER', ufficio: r.ufficio ?? 'UFF-A', codiceFiscale: 'RSSFNC80A41D612J' },
    correlationId: randomUUID(), causationId: randomUUID(), effectiveAt: il, recordedAt: il,
    ...(r.motivazione ? { motivazione: r.motivazione } : {}),
  };
  return { id: randomUUID(), type: e.type, data: e.data, metadata };
}
