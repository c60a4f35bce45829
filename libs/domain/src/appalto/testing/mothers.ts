/**
 * Object mothers for Appalto specs: plain functions with overrides, valid by default.
 * Dates are all the fixed `NOW` of `contesto()`, so expected events can be written literally.
 */
import type { AppaltoCommand, AppaltoContext } from '../commands.js';
import type { AppaltoCreatoData, AppaltoEvent, AppaltoEventOf } from '../events.js';
import type { CentroDiCosto, CigLotto, Cpv, DatiGara, DatiLotto, ErroreAnac, Lotto, Persona, StazioneAppaltante } from '../types.js';

export const NOW = new Date('2024-03-15T10:00:00.000Z');
export const IL = NOW.toISOString();
export const APPALTO_ID = '5f0c2a8e-4b7d-4c1e-9a3f-2d6b8e1c0a01';
export const ID_ANAC = '1b6e035d-0126-4455-b340-2f1db7bf2c19';
export const ID_AVVISO = 'avviso-0001';
export const RICHIESTA = 'richiesta-1';

export const RUP_CF = 'GVNMRC70A01D612Q';
export const CDC: CentroDiCosto = { codice: 'CDC-TOSCANA-CONTRATTI', denominazione: 'Settore Contratti' };
export const SA: StazioneAppaltante = { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000226120' };
export const RUP: Persona = { userId: 'u-rup', nome: 'Marco Giovannetti', codiceFiscale: RUP_CF };
export const BUYER: Persona = { userId: 'u-buyer', nome: 'Francesca Rossi', codiceFiscale: 'RSSFNC80A41D612J' };
export const ALTRO_RUP: Persona = { userId: 'u-altro', nome: 'Luca Bianchi', codiceFiscale: 'BNCLCU75B12G702G' };

/**
 * A context with a fixed `now`, sequential ids, and a directory where only RUP_CF is
 * responsabile, in CDC. `cigValido` is a stand-in that accepts any 10-char uppercase code:
 * the service injects the official ANAC algorithm (libs/anac), which the domain must not import.
 */
export function contesto(overrides: Partial<AppaltoContext> = {}): AppaltoContext {
  let n = 0;
  return {
    now: NOW,
    newId: () => `id-${++n}`,
    responsabileNelCdc: (codiceFiscale, codiceCdc) => codiceFiscale === RUP_CF && codiceCdc === CDC.codice,
    cigValido: (codice) => /^[A-Z0-9]{10}$/.test(codice),
    ...overrides,
  };
}

export const CPV_PRINCIPALE = '30192000-1';
export const CPV_SECONDARIA = '30197000-6';
export const CLASSIFICAZIONE: readonly Cpv[] = [
  { codice: CPV_PRINCIPALE, principale: true },
  { codice: CPV_SECONDARIA, principale: false },
];

export const datiGara = (overrides: Partial<DatiGara> = {}): DatiGara => ({
  oggetto: 'Fornitura di materiale di cancelleria',
  settore: 'ORDINARIO',
  oggettoPrincipale: 'FORNITURE',
  // After NOW: open procedures need a deadline for offers in the future (ANAC REG95, REG105).
  scadenzaPresentazioneOfferte: '2024-06-28T12:00:00.000Z',
  ...overrides,
});

export const datiLotto = (overrides: Partial<DatiLotto> = {}): DatiLotto => ({
  oggetto: 'Lotto unico',
  oggettoContratto: 'FORNITURE',
  importo: '14000',
  cpv: CPV_PRINCIPALE,
  luogoIstat: '048017',
  ...overrides,
});

export const lotto = (overrides: Partial<Lotto> = {}): Lotto => ({ ...datiLotto(), lotIdentifier: 'LOT-0001', ...overrides });

/** An open procedure (scheda P2_16) in draft, by BUYER, with RUP in CDC. */
export const appaltoCreato = (overrides: Partial<AppaltoCreatoData> = {}): AppaltoEventOf<'AppaltoCreato'> => ({
  type: 'AppaltoCreato',
  data: {
    appaltoId: APPALTO_ID,
    regime: 'PCP',
    scheda: 'P2_16',
    tipoProcedura: 'APERTA',
    stazioneAppaltante: SA,
    centroDiCosto: CDC,
    ufficio: 'UFF-GARE',
    rup: RUP,
    creatoDa: BUYER,
    datiGara: datiGara(),
    creatoIl: IL,
    ...overrides,
  },
});

/** The command that produces `appaltoCreato(overrides)`. */
export function creaAppalto(overrides: Partial<AppaltoCreatoData> = {}): Extract<AppaltoCommand, { type: 'CreaAppalto' }> {
  const { regime: _regime, creatoIl: _il, ...dati } = appaltoCreato(overrides).data;
  return { type: 'CreaAppalto', ...dati };
}

export const lottoAggiunto = (overrides: Partial<Lotto> = {}): AppaltoEventOf<'LottoAggiunto'> => ({ type: 'LottoAggiunto', data: { lotto: lotto(overrides), il: IL } });

export const classificazioneImpostata = (cpv: readonly Cpv[] = CLASSIFICAZIONE): AppaltoEventOf<'ClassificazioneImpostata'> => ({
  type: 'ClassificazioneImpostata',
  data: { cpv, il: IL },
});

export const LOTTI = ['LOT-0001', 'LOT-0002', 'LOT-0003'] as const;
export const CIG_LOTTI: readonly CigLotto[] = LOTTI.map((lotIdentifier, i) => ({ lotIdentifier, cig: `A00000000${i + 1}` }));
export const NUOVI_CIG = CIG_LOTTI.map(({ lotIdentifier, cig }, i) => ({ lotIdentifier, cig: `B00000000${i + 1}`, sostituisce: cig }));

/** A valid open procedure with three lots of 100,000, 200,000 and 300,000 euro. */
export const proceduraApertaValida = (): AppaltoEvent[] => [
  appaltoCreato(),
  classificazioneImpostata(),
  lottoAggiunto({ lotIdentifier: 'LOT-0001', oggetto: 'Lotto 1: carta', importo: '100000' }),
  lottoAggiunto({ lotIdentifier: 'LOT-0002', oggetto: 'Lotto 2: toner', importo: '200000', cpv: CPV_SECONDARIA }),
  lottoAggiunto({ lotIdentifier: 'LOT-0003', oggetto: 'Lotto 3: cartelline', importo: '300000' }),
];

export const aggiudicatario = { codiceFiscale: '01234567897', denominazione: 'Cartoleria Rossi srl', importo: '4000' };

/** A valid AD5 direct award (tutorial CIG su PCP): one lot of 4,000 euro awarded to one participant. */
export const ad5Valido = (): AppaltoEvent[] => [
  appaltoCreato({ scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', datiGara: datiGara({ oggetto: 'Acquisto toner' }) }),
  classificazioneImpostata(),
  lottoAggiunto({ importo: '4000', aggiudicazione: { partecipanti: [aggiudicatario], dataAggiudicazione: '2024-03-14' } }),
];

export const appaltoInviato = (richiestaId = RICHIESTA): AppaltoEventOf<'AppaltoInviato'> => ({ type: 'AppaltoInviato', data: { richiestaId, il: IL } });
export const cigRichiesto = (lotIdentifier: string, richiestaId = RICHIESTA): AppaltoEventOf<'CigRichiesto'> => ({
  type: 'CigRichiesto',
  data: { lotIdentifier, richiestaId, il: IL },
});
export const appaltoRegistratoAnac = (idAppaltoAnac = ID_ANAC): AppaltoEventOf<'AppaltoRegistratoAnac'> => ({ type: 'AppaltoRegistratoAnac', data: { idAppaltoAnac, il: IL } });
export const appaltoConfermato = (cig: readonly CigLotto[] = CIG_LOTTI): AppaltoEventOf<'AppaltoConfermato'> => ({
  type: 'AppaltoConfermato',
  data: { idAppaltoAnac: ID_ANAC, idAvviso: ID_AVVISO, cig, il: IL },
});
export const ERRORE_ANAC: ErroreAnac = { codice: 'ERR100', descrizione: "Importo totale non consentito per l'Affidamento diretto < 5k €" };
export const appaltoRespinto = (operazione: AppaltoEventOf<'AppaltoRespinto'>['data']['operazione'] = 'CONFERMA'): AppaltoEventOf<'AppaltoRespinto'> => ({
  type: 'AppaltoRespinto',
  data: { operazione, errori: [ERRORE_ANAC], il: IL },
});
export const pubblicazioneRichiesta = (richiestaId = 'richiesta-pubblicazione'): AppaltoEventOf<'PubblicazioneRichiesta'> => ({
  type: 'PubblicazioneRichiesta',
  data: { richiestaId, il: IL },
});
export const appaltoInAttesaPubblicazione = (idAvviso = ID_AVVISO): AppaltoEventOf<'AppaltoInAttesaPubblicazione'> => ({ type: 'AppaltoInAttesaPubblicazione', data: { idAvviso, il: IL } });
export const appaltoPubblicato = (idAvviso = ID_AVVISO): AppaltoEventOf<'AppaltoPubblicato'> => ({ type: 'AppaltoPubblicato', data: { idAvviso, il: IL } });
export const modificaAvvisoRichiesta = (richiestaId = 'richiesta-modifica'): AppaltoEventOf<'ModificaAvvisoRichiesta'> => ({
  type: 'ModificaAvvisoRichiesta',
  data: { richiestaId, il: IL },
});
export const avvisoModificato = (idAvviso = 'avviso-0002'): AppaltoEventOf<'AvvisoModificato'> => ({ type: 'AvvisoModificato', data: { idAvviso, cig: NUOVI_CIG, il: IL } });
export const cancellazioneRichiesta = (motivo = 'Errore materiale', richiestaId = 'richiesta-cancellazione'): AppaltoEventOf<'CancellazioneRichiesta'> => ({
  type: 'CancellazioneRichiesta',
  data: { motivo, richiestaId, il: IL },
});
export const appaltoCancellato = (motivo = 'Errore materiale'): AppaltoEventOf<'AppaltoCancellato'> => ({ type: 'AppaltoCancellato', data: { motivo, il: IL } });

/** Milestones of an open procedure's life, each including the previous ones. */
export type Tappa = 'BOZZA' | 'INVIATO' | 'IN_LAV' | 'CONF' | 'PUBBLICAZIONE_RICHIESTA' | 'IN_ATT_PUBB' | 'PUBB';
const TAPPE: readonly (readonly [Tappa, () => AppaltoEvent[]])[] = [
  ['BOZZA', proceduraApertaValida],
  ['INVIATO', () => [appaltoInviato(), ...LOTTI.map((l) => cigRichiesto(l))]],
  ['IN_LAV', () => [appaltoRegistratoAnac()]],
  ['CONF', () => [appaltoConfermato()]],
  ['PUBBLICAZIONE_RICHIESTA', () => [pubblicazioneRichiesta()]],
  ['IN_ATT_PUBB', () => [appaltoInAttesaPubblicazione()]],
  ['PUBB', () => [appaltoPubblicato()]],
];

/** The history of the valid open procedure up to `fino`. */
export function proceduraAperta(fino: Tappa = 'BOZZA'): AppaltoEvent[] {
  const ultima = TAPPE.findIndex(([tappa]) => tappa === fino);
  return TAPPE.slice(0, ultima + 1).flatMap(([, eventi]) => eventi());
}

/** The valid AD5 history up to conferma OK (a direct award is never published). */
export const ad5Confermato = (): AppaltoEvent[] => [
  ...ad5Valido(),
  appaltoInviato(),
  cigRichiesto('LOT-0001'),
  appaltoRegistratoAnac(),
  appaltoConfermato([CIG_LOTTI[0]]),
];
