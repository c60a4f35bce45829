import {
  appaltoDecider,
  appaltoStream,
  cigDecider,
  cigDisponibili,
  cigStream,
  fold,
  importoComplessivo,
  statoRichiesta,
  type AppaltoEvent,
  type CigEvent,
} from '#domain';
import { StreamNotFoundError, type EventStore, type RecordedEvent } from '#event-store';

/** Which date "as of" reads: when the fact took effect (default) or when the service recorded it. */
export type BaseTemporale = 'effettiva' | 'registrazione';

export interface OpzioniStoria {
  /** The instant to look at; omitted: now (every event). */
  readonly asOf?: Date;
  readonly base?: BaseTemporale;
}

export interface EventoStoria {
  readonly flusso: 'cig' | 'appalto' | 'carnet';
  readonly tipo: string;
  readonly revisione: string;
  readonly posizione: string;
  readonly effettivoIl: string;
  readonly registratoIl: string;
  readonly attore: string | null;
  readonly ruolo: string | null;
  readonly ufficio: string | null;
  readonly motivazione: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly dati: unknown;
}

/**
 * The history of a CIG as of a date, from the events (never from a read model): its own stream
 * plus the events of its appalto that concern its lot, each with effective and recorded time, and
 * the state at that instant computed by folding the aggregates' `evolve` over the events up to it,
 * in stream order. Returns undefined when the code has no stream.
 */
export async function storiaCig(store: EventStore, cig: string, opzioni: OpzioniStoria = {}) {
  const base = opzioni.base ?? 'effettiva';
  const eventiCig = await leggi(store, cigStream(cig));
  if (eventiCig.length === 0) return undefined;
  const rif = riferimento(eventiCig);
  const eventiAppalto = rif.appaltoId ? await leggi(store, appaltoStream(rif.appaltoId)) : [];
  const entro = (e: RecordedEvent) => opzioni.asOf === undefined || Date.parse(istante(e, base)) <= opzioni.asOf.getTime();
  const cigEntro = eventiCig.filter(entro);
  const appaltoEntro = eventiAppalto.filter(entro);
  // The code exists from its first event (assignment or import). Codes imported from ANAC's open
  // data before the import dated them by their earliest date may have a perfection dated before
  // the import: the state still folds from the code's first event, never from nothing.
  const daPiegare = cigEntro.length > 0 && cigEntro[0] !== eventiCig[0] ? [eventiCig[0], ...cigEntro] : cigEntro;
  const statoCig = fold(cigDecider, daPiegare.map((e) => ({ type: e.type, data: e.data }) as CigEvent));
  const appalto = fold(appaltoDecider, appaltoEntro.map((e) => ({ type: e.type, data: e.data }) as AppaltoEvent));
  const delLotto = (e: RecordedEvent) => {
    const lotto = (e.data as { lotIdentifier?: string; lotto?: { lotIdentifier?: string } } | null) ?? {};
    const id = lotto.lotIdentifier ?? lotto.lotto?.lotIdentifier;
    return id === undefined || id === rif.lotIdentifier;
  };
  const eventi = [...cigEntro.map((e) => vista('cig', e)), ...appaltoEntro.filter(delLotto).map((e) => vista('appalto', e))].sort(
    (x, y) => Date.parse(base === 'effettiva' ? x.effettivoIl : x.registratoIl) - Date.parse(base === 'effettiva' ? y.effettivoIl : y.registratoIl) || (x.posizione < y.posizione ? -1 : 1),
  );
  const lotto = appalto.esiste ? appalto.lotti.find((l) => l.lotIdentifier === rif.lotIdentifier) : undefined;
  const { esiste: _e, ...cigAllora } = statoCig as { esiste: boolean } & Record<string, unknown>;
  return {
    cig,
    asOf: (opzioni.asOf ?? null)?.toISOString() ?? null,
    base,
    appaltoId: rif.appaltoId,
    lotIdentifier: rif.lotIdentifier,
    /** Office of the request today: who may read this history. */
    ufficio: ufficioAttuale(eventiAppalto, eventiCig),
    stato: {
      cig: statoCig.esiste ? cigAllora : null,
      appalto: appalto.esiste
        ? {
            stato: appalto.stato, statoRichiesta: statoRichiesta(appalto), oggetto: appalto.datiGara.oggetto, tipoProcedura: appalto.tipoProcedura,
            idAppaltoAnac: appalto.idAppaltoAnac ?? null, rup: appalto.rup, importoComplessivo: importoComplessivo(appalto),
            cigDisponibili: cigDisponibili(appalto), modificatoIl: appalto.modificatoIl,
          }
        : null,
      lotto: lotto ? { ...lotto, cigAttuale: appalto.esiste ? (appalto.cig.find((c) => c.lotIdentifier === rif.lotIdentifier)?.cig ?? null) : null } : null,
    },
    eventi,
    eventiSuccessivi: eventiCig.length - cigEntro.length + eventiAppalto.filter(delLotto).length - appaltoEntro.filter(delLotto).length,
  };
}

export type StoriaCig = NonNullable<Awaited<ReturnType<typeof storiaCig>>>;

export async function leggi(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(stream);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
}

/** The lot the code identifies: from its assignment (or any event naming appalto and lot, e.g. an import). */
function riferimento(eventi: readonly RecordedEvent[]): { appaltoId: string | null; lotIdentifier: string | null } {
  for (const e of eventi) {
    const d = (e.data ?? {}) as { appaltoId?: unknown; lotIdentifier?: unknown };
    if (typeof d.appaltoId === 'string') return { appaltoId: d.appaltoId, lotIdentifier: typeof d.lotIdentifier === 'string' ? d.lotIdentifier : null };
  }
  return { appaltoId: null, lotIdentifier: null };
}

/** The request's office today; for a code without an appalto stream (SIMOG, SmartCIG, imports), the office its events name. */
function ufficioAttuale(eventiAppalto: readonly RecordedEvent[], eventiCig: readonly RecordedEvent[]): string | null {
  if (eventiAppalto.length > 0) {
    const appalto = fold(appaltoDecider, eventiAppalto.map((e) => ({ type: e.type, data: e.data }) as AppaltoEvent));
    if (appalto.esiste) return appalto.ufficio;
  }
  for (const e of eventiCig) {
    const d = (e.data ?? {}) as Record<string, { ufficio?: unknown } | unknown>;
    for (const fonte of [d, d.richiesta, d.dati, d.titolare]) {
      const ufficio = (fonte as { ufficio?: unknown } | undefined)?.ufficio;
      if (typeof ufficio === 'string') return ufficio;
    }
  }
  return null;
}

export function istante(e: RecordedEvent, base: BaseTemporale): string {
  const m = e.metadata ?? {};
  const dato = base === 'effettiva' ? m.effectiveAt : m.recordedAt;
  return typeof dato === 'string' && !Number.isNaN(Date.parse(dato)) ? dato : e.created.toISOString();
}

export function vista(flusso: EventoStoria['flusso'], e: RecordedEvent): EventoStoria {
  const m = e.metadata ?? {};
  const a = (m.actor ?? {}) as { userId?: string; role?: string; ufficio?: string };
  const s = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    flusso, tipo: e.type, revisione: e.revision.toString(), posizione: e.position, effettivoIl: istante(e, 'effettiva'),
    registratoIl: istante(e, 'registrazione'), attore: s(a.userId), ruolo: s(a.role), ufficio: s(a.ufficio), motivazione: s(m.motivazione),
    correlationId: s(m.correlationId), causationId: s(m.causationId), dati: e.data,
  };
}
