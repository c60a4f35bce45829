import { fold } from '../shared/decider.js';
import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import type { AppaltoEvent } from './events.js';
import type { AppaltoEsistente } from './state.js';
import type { CodiceScheda, Lotto, Partecipante } from './types.js';
import { problemiDellAppalto } from './verifica.js';
import {
  ad5Valido,
  aggiudicatario,
  appaltoCancellato,
  appaltoCreato,
  classificazioneImpostata,
  contesto,
  CPV_PRINCIPALE,
  datiGara,
  IL,
  lottoAggiunto,
  proceduraAperta,
  proceduraApertaValida,
} from './testing/mothers.js';

const stato = (eventi: AppaltoEvent[]) => fold(appaltoDecider, eventi) as AppaltoEsistente;
const problemi = (eventi: AppaltoEvent[]) => problemiDellAppalto(stato(eventi), contesto());
const codici = (eventi: AppaltoEvent[]) => problemi(eventi).map((p) => `${p.sezione}: ${p.codice}`);

/** The valid open procedure with other dati di gara. */
const apertaCon = (overrides: Parameters<typeof datiGara>[0]) => [appaltoCreato({ datiGara: datiGara(overrides) }), ...proceduraApertaValida().slice(1)];

describe('VerificaAppalto: records the outcome, never refuses for content', () => {
  it('OK with no problems for a valid open procedure', () => {
    spec(appaltoDecider, contesto()).given(proceduraApertaValida()).when({ type: 'VerificaAppalto' }).then([{ type: 'AppaltoVerificato', data: { esito: 'OK', problemi: [], il: IL } }]);
  });

  it('KO with the problems by section', () => {
    spec(appaltoDecider, contesto())
      .given([appaltoCreato(), classificazioneImpostata()])
      .when({ type: 'VerificaAppalto' })
      .then([{ type: 'AppaltoVerificato', data: { esito: 'KO', problemi: [{ sezione: 'lotti', campo: 'lotti', codice: 'NESSUN_LOTTO', messaggio: 'Nessun lotto presente' }], il: IL } }]);
  });

  it('is allowed after conferma and publication', () => {
    spec(appaltoDecider, contesto()).given(proceduraAperta('PUBB')).when({ type: 'VerificaAppalto' }).then([{ type: 'AppaltoVerificato', data: { esito: 'OK', problemi: [], il: IL } }]);
  });

  it("with ANAC's rules in the context: their problems join, a code already marked is not repeated, the rule set is recorded", () => {
    const anac = {
      insieme: 'commit 21f8640c6c6770f6ed0e035e91dfe88b6d21d269 (2026-06-30)',
      problemi: () => [
        { sezione: 'aggiudicazioni' as const, campo: 'aggiudicazioni', codice: 'ERR100', messaggio: "Importo totale non consentito per l'Affidamento diretto < 5k €" },
        { sezione: 'lotti' as const, campo: 'lotti', codice: 'NESSUN_LOTTO', messaggio: 'doppione' },
      ],
    };
    spec(appaltoDecider, { ...contesto(), regoleAnac: anac })
      .given([appaltoCreato(), classificazioneImpostata()])
      .when({ type: 'VerificaAppalto' })
      .then([{ type: 'AppaltoVerificato', data: { esito: 'KO', problemi: [
        { sezione: 'lotti', campo: 'lotti', codice: 'NESSUN_LOTTO', messaggio: 'Nessun lotto presente' },
        { sezione: 'aggiudicazioni', campo: 'aggiudicazioni', codice: 'ERR100', messaggio: "Importo totale non consentito per l'Affidamento diretto < 5k €" },
      ], il: IL, regole: anac.insieme } }]);
  });

  it('an AppaltoVerificato recorded before the rule set was (no `regole`) still replays', () => {
    const s = stato([...proceduraApertaValida(), { type: 'AppaltoVerificato', data: { esito: 'OK', problemi: [], il: IL } } as AppaltoEvent]);
    expect(s.verifica?.esito).toBe('OK');
  });

  it('APPALTO_CANCELLATO: not on a cancelled appalto (409)', () => {
    spec(appaltoDecider, contesto()).given([...proceduraApertaValida(), appaltoCancellato()]).when({ type: 'VerificaAppalto' }).thenThrows('APPALTO_CANCELLATO', 'conflict');
  });
});

describe('verification, section "dati di gara"', () => {
  it.each([
    ['an empty oggetto', { oggetto: ' ' }, 'OGGETTO_GARA'],
    ['an oggetto of 2001 characters', { oggetto: 'x'.repeat(2001) }, 'OGGETTO_GARA'],
    ['an unknown settore', { settore: 'MISTO' as never }, 'SETTORE'],
    ['an unknown oggetto principale', { oggettoPrincipale: 'BENI' as never }, 'OGGETTO_PRINCIPALE'],
    ['an importo complessivo below the sum of the lots (600,000)', { importoComplessivo: '599999.99' }, 'IMPORTO_COMPLESSIVO'],
    ['a CUP of 14 characters', { cup: 'J11B2300012345' }, 'CUP'],
    ['a CUP of 16 characters', { cup: 'J11B230001234567' }, 'CUP'],
    ['a CUP with a dash', { cup: 'J11B2300012345-' }, 'CUP'],
  ])('reports %s', (_caso, overrides, codice) => {
    expect(codici(apertaCon(overrides))).toEqual([`dati di gara: ${codice}`]);
  });

  it.each([
    ['an oggetto of 2000 characters', { oggetto: 'x'.repeat(2000) }],
    ['an importo complessivo equal to the sum of the lots', { importoComplessivo: '600000' }],
    ['an importo complessivo above the sum', { importoComplessivo: '700000.50' }],
    ['a CUP of 15 alphanumerics', { cup: 'J11B23000123456' }],
  ])('accepts %s', (_caso, overrides) => {
    expect(problemi(apertaCon(overrides))).toEqual([]);
  });
});

describe('verification, section "classificazione"', () => {
  it('asks for at least one principale CPV of the third level (manuale START Richiedi CIG)', () => {
    const eventi = proceduraApertaValida().filter((e) => e.type !== 'ClassificazioneImpostata');
    expect(codici(eventi)).toContain('classificazione: CLASSIFICAZIONE_VUOTA');
  });
});

describe('verification, section "lotti"', () => {
  it('"Nessun lotto presente" without lots (manuale START Richiedi CIG)', () => {
    expect(problemi([appaltoCreato(), classificazioneImpostata()])).toEqual([{ sezione: 'lotti', campo: 'lotti', codice: 'NESSUN_LOTTO', messaggio: 'Nessun lotto presente' }]);
  });

  it("REG1: each lot's CPV must be in the classification", () => {
    const eventi = [appaltoCreato(), classificazioneImpostata([{ codice: CPV_PRINCIPALE, principale: true }]), lottoAggiunto({ cpv: '30197000-6' })];
    expect(problemi(eventi)).toEqual([expect.objectContaining({ sezione: 'lotti', campo: 'lotti[LOT-0001].cpv', codice: 'REG1' })]);
  });
});

describe('verification, section "rup e centro di costo"', () => {
  it('reports a RUP no longer responsabile in the CdC (manuale START Richiedi CIG)', () => {
    const p = problemiDellAppalto(stato(proceduraApertaValida()), contesto({ responsabileNelCdc: () => false }));
    expect(p).toEqual([expect.objectContaining({ sezione: 'rup e centro di costo', codice: 'RUP_NON_RESPONSABILE_NEL_CDC' })]);
  });
});

const diretto = (scheda: CodiceScheda, ...lotti: Partial<Lotto>[]): AppaltoEvent[] => [
  appaltoCreato({ scheda, tipoProcedura: 'AFFIDAMENTO_DIRETTO', datiGara: datiGara({ urlDocumenti: 'https://appalti.example.it/ad' }) }),
  classificazioneImpostata(),
  ...lotti.map((l, i) => lottoAggiunto({ lotIdentifier: `LOT-000${i + 1}`, ...l })),
];
const aggiudicato = (importo: string, ...altri: Partial<Partecipante>[]): Partial<Lotto> => ({
  importo,
  aggiudicazione: { partecipanti: [{ ...aggiudicatario, importo }, ...altri.map((p) => ({ ...aggiudicatario, ...p }))] },
});

describe('verification, section "aggiudicazioni": direct awards are sent with their award', () => {
  it('a valid AD5 has no problems', () => {
    expect(problemi(ad5Valido())).toEqual([]);
  });

  it('an open procedure needs no award', () => {
    expect(problemi(proceduraApertaValida())).toEqual([]);
  });

  it.each(['AD5', 'AD3'] as const)('REG112: every %s lot has an aggiudicazione', (scheda) => {
    expect(codici(diretto(scheda, aggiudicato(scheda === 'AD5' ? '100' : '6000'), { importo: '100' }))).toContain('aggiudicazioni: REG112');
  });

  it('REG112: an AD5 without lots has no aggiudicazione at all', () => {
    expect(codici(diretto('AD5'))).toEqual(['lotti: NESSUN_LOTTO', 'aggiudicazioni: REG112']);
  });

  it('REG114: an AD5 lot names its awardee', () => {
    expect(codici(diretto('AD5', { importo: '100', aggiudicazione: { partecipanti: [] } }))).toEqual(['aggiudicazioni: REG114']);
  });

  it('REG100: an AD5 lot has exactly one participant', () => {
    expect(codici(diretto('AD5', aggiudicato('100', { importo: '100' })))).toEqual(['aggiudicazioni: REG100']);
  });

  it.each([
    ['01234567897', []],
    ['RSSMRA80A01H501U', []],
    // omocodia: L (0) at position 8 and R (1) at 15, the check character computed on the code as written
    ['RSSMRA8LA01H50RN', []],
    ['01234567890', ['aggiudicazioni: FVX47']],
    ['0123456789', ['aggiudicazioni: FVX47']],
    ['012345678971', ['aggiudicazioni: FVX47']],
    ['RSSMRA8LA01H50RU', ['aggiudicazioni: FVX49']],
    ['RSSMRA80Z01H501U', ['aggiudicazioni: FVX49']],
    ['rssmra80a01h501u', ['aggiudicazioni: FVX49']],
    // M replaces 0, so D61M is D610: the check character is D (GVNMRC70A01D612Q is the valid non-omocodic code)
    ['GVNMRC70A01D61MQ', ['aggiudicazioni: FVX49']],
    ['GVNMRC70A01D61MD', []],
  ])('participant codice fiscale %s → %j (ANAC FVX47 company, FVX49 person)', (codiceFiscale, attesi) => {
    const eventi = diretto('AD5', { importo: '100', aggiudicazione: { partecipanti: [{ ...aggiudicatario, codiceFiscale, importo: '100' }] } });
    expect(codici(eventi)).toEqual(attesi);
  });

  it("the award cannot exceed the lot's amount (no ANAC rule: our code)", () => {
    const eventi = diretto('AD5', { importo: '100', aggiudicazione: { partecipanti: [{ ...aggiudicatario, importo: '100.01' }] } });
    expect(codici(eventi)).toEqual(['aggiudicazioni: IMPORTO_PARTECIPANTE_SUPERIORE']);
    expect(codici(diretto('AD5', { importo: '100', aggiudicazione: { partecipanti: [{ ...aggiudicatario, importo: '100' }] } }))).toEqual([]);
  });

  it("a participant's amount is above zero", () => {
    const eventi = diretto('AD5', { importo: '100', aggiudicazione: { partecipanti: [{ ...aggiudicatario, importo: '0' }] } });
    expect(codici(eventi)).toEqual(['aggiudicazioni: IMPORTO_PARTECIPANTE', 'aggiudicazioni: ERR100']);
  });
});

describe('verification: AD5 totals strictly between 0 and 5,000 euro (ANAC ERR100, REG103)', () => {
  it.each([
    ['0.01', []],
    ['4999.99', []],
    ['5000', ['aggiudicazioni: ERR100', 'lotti: REG103']],
    ['5000.01', ['aggiudicazioni: ERR100', 'lotti: REG103']],
  ])('award of %s', (importo, attesi) => {
    expect(codici(diretto('AD5', aggiudicato(importo)))).toEqual(attesi);
  });

  it('the total is over all lots: 2,500 + 2,500 is refused, 2,500 + 2,499.99 accepted', () => {
    expect(codici(diretto('AD5', aggiudicato('2500'), aggiudicato('2500')))).toEqual(['aggiudicazioni: ERR100', 'lotti: REG103']);
    expect(codici(diretto('AD5', aggiudicato('2500'), aggiudicato('2499.99')))).toEqual([]);
  });

  it("the participants' total is checked on its own (ERR100)", () => {
    const eventi = diretto('AD5', { importo: '4000', aggiudicazione: { partecipanti: [{ ...aggiudicatario, importo: '5000' }] } });
    expect(codici(eventi)).toEqual(['aggiudicazioni: IMPORTO_PARTECIPANTE_SUPERIORE', 'aggiudicazioni: ERR100']);
  });
});

describe('verification: AD3 totals not below 5,000 euro (ANAC REG104)', () => {
  it.each([
    ['4999.99', ['aggiudicazioni: REG104', 'lotti: REG104']],
    ['5000', []],
    ['150000', []],
  ])('award of %s', (importo, attesi) => {
    expect(codici(diretto('AD3', aggiudicato(importo)))).toEqual(attesi);
  });

  it('AD3 allows more than one participant', () => {
    expect(codici(diretto('AD3', aggiudicato('6000', { importo: '1000' })))).toEqual([]);
  });
});

describe('deadlines of a call for competition (ANAC REG95, REG96, REG105)', () => {
  const conTermini = (tipoProcedura: 'APERTA' | 'RISTRETTA', overrides: Parameters<typeof datiGara>[0]) => [
    appaltoCreato({ tipoProcedura, datiGara: datiGara(overrides) }),
    ...proceduraApertaValida().slice(1),
  ];

  it('an open procedure needs the deadline for offers', () => {
    expect(codici(conTermini('APERTA', { scadenzaPresentazioneOfferte: undefined }))).toContain('dati di gara: REG95');
    expect(codici(conTermini('APERTA', {}))).not.toContain('dati di gara: REG95');
  });

  it('a restricted procedure needs a deadline for requests or offers', () => {
    expect(codici(conTermini('RISTRETTA', { scadenzaPresentazioneOfferte: undefined }))).toContain('dati di gara: REG96');
    expect(codici(conTermini('RISTRETTA', { scadenzaPresentazioneOfferte: undefined, scadenzaPresentazioneInvito: '2024-04-30T12:00:00Z' }))).not.toContain('dati di gara: REG96');
  });

  it('the deadline must be after now, on both sides of the instant', () => {
    expect(codici(conTermini('APERTA', { scadenzaPresentazioneOfferte: '2024-03-15T10:00:00.000Z' }))).toContain('dati di gara: REG105');
    expect(codici(conTermini('APERTA', { scadenzaPresentazioneOfferte: '2024-03-15T10:00:00.001Z' }))).not.toContain('dati di gara: REG105');
    expect(codici(conTermini('APERTA', { scadenzaPresentazioneOfferte: 'domani' }))).toContain('dati di gara: DATA_NON_VALIDA');
  });

  it('the documents address must be a web address', () => {
    expect(codici(conTermini('APERTA', { urlDocumenti: 'ftp://x' }))).toContain('dati di gara: REG8');
    expect(codici(conTermini('APERTA', { urlDocumenti: 'https://appalti.example.it/gara/1' }))).not.toContain('dati di gara: REG8');
  });
});

describe('AD3 needs the address of the tender documents', () => {
  it('refused without it, accepted with it', () => {
    const senza = [appaltoCreato({ scheda: 'AD3', tipoProcedura: 'AFFIDAMENTO_DIRETTO' })];
    expect(codici(senza)).toContain('dati di gara: URL_DOCUMENTI');
    expect(codici(diretto('AD3'))).not.toContain('dati di gara: URL_DOCUMENTI');
  });
});
