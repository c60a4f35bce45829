/**
 * Realistic, deterministic data for `bench:seed`: appalti of many contracting authorities, cost
 * centres, offices and RUPs, with lots, CPVs, amounts and the states a request goes through, from
 * 2011 to 2026 (regime SIMOG or SmartCIG before 2024, PCP after). Appalto `i` is always the same
 * appalto: a seed can resume and a run can be repeated.
 */
import { generaCig } from '#anac';
import type { AppaltoEvent, CigEvent, Lotto, PraticaAnacEvent, Regime, TipoProcedura } from '#domain';
import type { EventData } from '#event-store';
import { deterministicUuid, seededRandom } from '#platform';

export interface AppaltoGenerato {
  readonly appaltoId: string;
  readonly lotti: number;
  readonly flussi: ReadonlyArray<{ readonly streamId: string; readonly eventi: EventData[] }>;
}

const INIZIO = Date.UTC(2011, 0, 3);
const FINE = Date.UTC(2026, 9, 31);
const PCP = Date.UTC(2024, 0, 1);
const GIORNO = 86_400_000;

const CITTA = ['Firenze', 'Pisa', 'Livorno', 'Arezzo', 'Siena', 'Lucca', 'Prato', 'Pistoia', 'Grosseto', 'Massa', 'Empoli', 'Viareggio', 'Carrara', 'Piombino', 'Poggibonsi', 'Forlì', 'Cantù', 'Città di Castello'];
const ENTI = ['Regione Toscana', 'Comune di', 'Azienda USL Toscana', 'Università degli Studi di', 'Provincia di', 'ESTAR', 'Azienda Ospedaliero-Universitaria di', 'Unione dei Comuni di'];
const NOMI = ['Marco', 'Giulia', 'Francesca', 'Luca', 'Paola', 'Sara', 'Andrea', 'Elena', 'Matteo', 'Chiara', 'Niccolò', 'Lucia', 'Simone', 'Martina', 'Gabriele', 'Beatrice'];
const COGNOMI = ['Giovannetti', 'Rossi', 'Bianchi', 'Mancini', 'Neri', 'Ferri', 'Conti', 'Russo', 'Esposito', 'Bruno', 'Galli', 'Costa', 'Fontana', 'Caruso', 'Lombardi', 'Moretti', 'Barbieri', 'Ricci', 'Pellegrini', 'Niccolai'];
const OGGETTI: ReadonlyArray<readonly [string, readonly string[], string, 'LAVORI' | 'SERVIZI' | 'FORNITURE']> = [
  ['Fornitura di', ['materiale di cancelleria', 'toner e cartucce', 'arredi per uffici', 'personal computer', 'dispositivi medici', 'farmaci', 'carta per fotocopiatrici', 'vestiario per la polizia municipale', 'derrate alimentari', 'attrezzature di laboratorio'], '30192000-1', 'FORNITURE'],
  ['Servizio di', ['pulizia delle sedi', 'vigilanza armata', 'manutenzione degli impianti termici', 'ristorazione scolastica', 'trasporto scolastico', 'manutenzione del verde pubblico', 'gestione documentale', 'assistenza sistemistica', 'facchinaggio', 'raccolta dei rifiuti'], '90910000-9', 'SERVIZI'],
  ['Lavori di', ['manutenzione straordinaria', 'riqualificazione energetica', 'adeguamento sismico', 'rifacimento della copertura', 'messa in sicurezza', 'ristrutturazione', 'abbattimento delle barriere architettoniche'], '45000000-7', 'LAVORI'],
];
const LUOGHI = ['della sede di', "dell'edificio scolastico di", 'del palazzo comunale di', "dell'ospedale di", 'degli uffici di', 'delle strutture di', "dell'università di", 'della città di'];
const CPV = ['30192000-1', '30125100-2', '39130000-2', '30213000-5', '33140000-3', '90910000-9', '79710000-4', '50720000-8', '55524000-9', '60130000-8', '77310000-6', '45000000-7', '45260000-7', '45453000-7', '45262000-1'];
const PROCEDURE: ReadonlyArray<readonly [TipoProcedura, number]> = [['AFFIDAMENTO_DIRETTO', 0.55], ['APERTA', 0.2], ['NEGOZIATA', 0.18], ['RISTRETTA', 0.07]];
const LOTTI = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 8];


const scegli = <T>(r: () => number, voci: readonly T[]): T => voci[Math.floor(r() * voci.length)];

function pesato<T>(x: number, voci: ReadonlyArray<readonly [T, number]>): T {
  for (const [voce, peso] of voci) {
    if (x < peso) return voce;
    x -= peso;
  }
  return voci[voci.length - 1][0];
}

/** Lots of appalto `i` (the seed walks this to know how many appalti make the lots asked for). */
export const lottiDi = (i: number): number => scegli(seededRandom(i * 7919 + 13), LOTTI);

/** The directory the data use: 60 contracting authorities, 2-4 cost centres each, one office per cost centre, 2,000 RUPs. */
function soggetti(r: () => number) {
  const sa = Math.floor(r() * 60);
  const ente = ENTI[sa % ENTI.length];
  const citta = CITTA[sa % CITTA.length];
  const denominazione = ente.endsWith(' di') ? `${ente} ${citta}` : `${ente}${sa >= ENTI.length ? ` ${citta}` : ''}`;
  const cf = String(80_000_000_000 + sa * 7_919_113).slice(0, 11);
  const cdc = Math.floor(r() * (2 + (sa % 3)));
  const rup = sa * 40 + Math.floor(r() * 33);
  const persona = (n: number) => ({
    userId: `rup.${n}`,
    nome: `${NOMI[n % NOMI.length]} ${COGNOMI[(n * 7) % COGNOMI.length]}`,
    codiceFiscale: `${COGNOMI[(n * 7) % COGNOMI.length].slice(0, 3).toUpperCase().padEnd(3, 'X')}${NOMI[n % NOMI.length].slice(0, 3).toUpperCase()}${String(60 + (n % 30))}A${String(1 + (n % 28)).padStart(2, '0')}D${String(100 + (n % 900))}${'ABCDEFGHIL'[n % 10]}`,
  });
  return {
    stazioneAppaltante: { codiceFiscale: cf, denominazione, codiceAusa: String(226_000 + sa).padStart(10, '0') },
    centroDiCosto: { codice: `CDC-${sa}-${cdc}`, denominazione: ['Settore Contratti', 'Ufficio Acquisti', 'Provveditorato', 'Lavori Pubblici'][cdc] },
    ufficio: `UFF-${sa}-${cdc}`,
    rup: persona(rup),
    creatoDa: persona(rup + 33 + Math.floor(r() * 7)),
  };
}

function importo(r: () => number, diretto: boolean): number {
  const [min, max] = diretto ? [500, 140_000] : [40_000, 5_000_000];
  return Math.round(Math.exp(Math.log(min) + r() * (Math.log(max) - Math.log(min))) * 100) / 100;
}

const euro = (n: number) => n.toFixed(2);

/**
 * Appalto `i`: its stream, the streams of its CIGs and its ANAC exchanges. `primoLotto` numbers
 * its lots globally (unique CIG codes).
 */
export function generaAppalto(i: number, primoLotto: number): AppaltoGenerato {
  const r = seededRandom(i * 104_729 + 7);
  const appaltoId = deterministicUuid('bench-appalto', String(i));
  const creato = INIZIO + Math.floor(r() * (FINE - INIZIO - 200 * GIORNO));
  const tipo = pesato(r(), PROCEDURE);
  const diretto = tipo === 'AFFIDAMENTO_DIRETTO';
  const n = lottiDi(i);
  const importi = Array.from({ length: n }, () => importo(r, diretto));
  const regime: Regime = creato >= PCP ? 'PCP' : diretto && importi.every((x) => x < 40_000) && r() < 0.6 ? 'SMARTCIG' : 'SIMOG';
  const s = soggetti(r);
  const [prefisso, cose, cpv, principale] = scegli(r, OGGETTI);
  const oggetto = `${prefisso} ${scegli(r, cose)} ${scegli(r, LUOGHI)} ${scegli(r, CITTA)} ${new Date(creato).getUTCFullYear()}`;
  const ora = (giorni: number) => new Date(creato + giorni * GIORNO + Math.floor(r() * 3_600_000)).toISOString();
  const lotti: Lotto[] = importi.map((valore, k) => ({
    lotIdentifier: `LOT-${String(k + 1).padStart(4, '0')}`,
    oggetto: n === 1 ? 'Lotto unico' : `Lotto ${k + 1} - ${scegli(r, CITTA)}`,
    oggettoContratto: principale,
    importo: euro(valore),
    cpv: k === 0 ? cpv : scegli(r, CPV),
    luogoIstat: '048017',
  }));
  const x = r();
  const fine = x < 0.07 ? 'bozza' : x < 0.1 ? 'inviata' : x < 0.13 ? 'in-lavorazione' : x < 0.19 ? 'cancellata' : 'confermata';
  const e: Array<AppaltoEvent> = [
    { type: 'AppaltoCreato', data: { appaltoId, regime, scheda: diretto ? (importi[0] < 5000 ? 'AD5' : 'AD3') : 'P2_16', tipoProcedura: tipo, ...s, datiGara: { oggetto, settore: 'ORDINARIO', oggettoPrincipale: principale }, creatoIl: ora(0) } },
    { type: 'ClassificazioneImpostata', data: { cpv: [{ codice: cpv, principale: true }], il: ora(0) } },
    ...lotti.map((lotto): AppaltoEvent => ({ type: 'LottoAggiunto', data: { lotto, il: ora(0) } })),
  ];
  const cig: Array<{ streamId: string; eventi: CigEvent[] }> = [];
  const pratica: PraticaAnacEvent[] = [];
  const idAnac = deterministicUuid('bench-anac', String(i));
  if (fine !== 'bozza') {
    const richiestaId = deterministicUuid('bench-richiesta', String(i));
    e.push({ type: 'AppaltoVerificato', data: { esito: 'OK', problemi: [], il: ora(1) } });
    e.push({ type: 'AppaltoInviato', data: { richiestaId, il: ora(1) } });
    for (const l of lotti) e.push({ type: 'CigRichiesto', data: { lotIdentifier: l.lotIdentifier, richiestaId, il: ora(1) } });
    pratica.push(trasmissione(appaltoId, richiestaId, s.rup.codiceFiscale, ora(1), 'crea-appalto', 'Crea Appalto'));
  }
  if (fine === 'in-lavorazione' || fine === 'confermata' || (fine === 'cancellata' && r() < 0.5)) {
    e.push({ type: 'AppaltoRegistratoAnac', data: { idAppaltoAnac: idAnac, il: ora(1) } });
  }
  if (fine === 'confermata') {
    const codici = lotti.map((l, k) => ({ lotIdentifier: l.lotIdentifier, cig: codice(regime, primoLotto + k) }));
    e.push({ type: 'AppaltoConfermato', data: { idAppaltoAnac: idAnac, cig: codici, il: ora(2) } });
    pratica.push(trasmissione(appaltoId, deterministicUuid('bench-richiesta', String(i)), s.rup.codiceFiscale, ora(2), 'recupera-cig', 'Recupera CIG'));
    const pubblicato = !diretto && r() < 0.85;
    if (pubblicato) {
      const idAvviso = `avviso-${i}`;
      e.push({ type: 'PubblicazioneRichiesta', data: { richiestaId: deterministicUuid('bench-pubblica', String(i)), il: ora(5) } });
      e.push({ type: 'AppaltoInAttesaPubblicazione', data: { idAvviso, il: ora(5) } });
      e.push({ type: 'AppaltoPubblicato', data: { idAvviso, il: ora(6) } });
    } else if (!diretto && creato < FINE - 120 * GIORNO) {
      e.push({ type: 'AppaltoEliminatoDaAnac', data: { il: ora(91) } });
    }
    for (const { lotIdentifier, cig: c } of codici) {
      const eventi: CigEvent[] = [
        { type: 'CigAssegnato', data: { cig: c, regime, appaltoId, lotIdentifier, idAppaltoAnac: idAnac, il: ora(2) } },
        { type: 'CigPerfezionato', data: { cig: c, il: ora(2) } },
      ];
      if ((diretto || pubblicato) && r() < 0.55) eventi.push({ type: 'CigUtilizzato', data: { cig: c, idProcedura: `${String(i % 100_000).padStart(6, '0')}/${new Date(creato).getUTCFullYear()}`, il: ora(8) } });
      cig.push({ streamId: `cig-${c}`, eventi });
    }
  } else if (fine === 'cancellata') {
    e.push({ type: 'AppaltoCancellato', data: { motivo: 'Decisione della stazione appaltante', il: ora(3) } });
  }
  const meta = (tipo: string, k: number, il: string) => ({
    actor: { userId: s.creatoDa.userId, role: 'BUYER', ufficio: s.ufficio, codiceFiscale: s.creatoDa.codiceFiscale },
    correlationId: deterministicUuid('bench-corr', String(i), tipo === 'AppaltoCreato' ? '0' : String(k >> 2)),
    causationId: deterministicUuid('bench-caus', String(i), String(k)),
    effectiveAt: il,
    recordedAt: new Date(Date.parse(il) + 40 + k).toISOString(),
  });
  const dati = <T extends { type: string; data: unknown }>(stream: string, eventi: readonly T[]): EventData[] =>
    eventi.map((ev, k) => ({ id: deterministicUuid(stream, String(k)), type: ev.type, data: ev.data, metadata: meta(ev.type, k, istante(ev.data)) }));
  return {
    appaltoId,
    lotti: n,
    flussi: [
      { streamId: `appalto-${appaltoId}`, eventi: dati(`appalto-${appaltoId}`, e) },
      ...cig.map((c) => ({ streamId: c.streamId, eventi: dati(c.streamId, c.eventi) })),
      ...(pratica.length ? [{ streamId: `pratica-anac-${appaltoId}`, eventi: dati(`pratica-anac-${appaltoId}`, pratica) }] : []),
    ],
  };
}

function istante(data: unknown): string {
  const d = data as { il?: string; creatoIl?: string; chiamata?: { inizio: string } };
  return d.il ?? d.creatoIl ?? d.chiamata?.inizio ?? new Date(INIZIO).toISOString();
}

/** A valid code of the regime's family, unique by the global lot number. */
function codice(regime: Regime, lotto: number): string {
  if (regime === 'SMARTCIG') return generaCig('SMART_CIG', lotto + 1, 'Z');
  if (regime === 'SIMOG') return lotto < 9_999_999 ? generaCig('SIMOG_NUMERICO', lotto + 1) : generaCig('SIMOG_PCP', lotto, 'A');
  return generaCig('SIMOG_PCP', lotto % 0xff_ffff, 'BCDEFGH'[Math.floor(lotto / 0xff_ffff)]);
}

function trasmissione(appaltoId: string, praticaId: string, perContoDi: string, inizio: string, operazione: string, contesto: string): PraticaAnacEvent {
  return {
    type: 'TrasmissioneAnacEseguita',
    data: {
      appaltoId, praticaId, operazione: 'CONFERMA', passo: operazione, tentativo: 1, perContoDi,
      chiamata: { operazione, contesto, requestId: deterministicUuid(praticaId, operazione), inizio, durataMs: 180, httpStatus: 200, esito: 'OK', descrizione: 'Richiesta elaborata con successo', errori: [] },
    },
  };
}
