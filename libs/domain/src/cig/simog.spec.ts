import { spec } from '../shared/testing/given-when-then.js';
import type { CigCommand } from './commands.js';
import type { CigEvent } from './events.js';
import { cigDecider } from './decider.js';
import { cigAssegnato, cigCancellato } from './testing/mothers.js';
import { alle, cigSimogAssegnato, cigSimogPerfezionato, perfeziona, RUP } from './testing/mothers-regimi.js';

const a = (iso: string) => spec(cigDecider, alle(iso));
const ULTIMO_2023 = '2023-12-31T22:59:59.999Z'; // 31/12/2023 23:59:59.999 in Rome
const PRIMO_2024 = '2023-12-31T23:00:00.000Z'; // 01/01/2024 00:00 in Rome

describe('PerfezionaCigSimog: a SIMOG CIG is perfected with its publication data (avviso AVCP-SIMOG 2011)', () => {
  it('records the publication data', () => {
    a('2019-03-06T10:00:00.000Z').given([cigSimogAssegnato()]).when(perfeziona()).then([cigSimogPerfezionato()]);
  });

  it('the same data again changes nothing; other data are refused (409)', () => {
    a('2019-03-07T10:00:00.000Z').given([cigSimogAssegnato(), cigSimogPerfezionato()]).when(perfeziona()).then([]);
    a('2019-03-07T10:00:00.000Z').given([cigSimogAssegnato(), cigSimogPerfezionato()]).when(perfeziona('2019-03-04')).thenThrows('CIG_GIA_PERFEZIONATO', 'conflict');
  });

  it('until 31/12/2023 any SIMOG CIG is perfected; from 1/1/2024 only procedures published by 31/12/2023 (SIMOG_SOLO_PERFEZIONAMENTO)', () => {
    const perfezionato = (il: string, data: string) => ({ type: 'CigPerfezionato' as const, data: { cig: 'A000000001', pubblicazione: { dataPubblicazione: data }, il } });
    a(ULTIMO_2023).given([cigSimogAssegnato('2023-12-01T10:00:00.000Z')]).when(perfeziona('2023-12-31')).then([perfezionato(ULTIMO_2023, '2023-12-31')]);
    a(PRIMO_2024).given([cigSimogAssegnato('2023-12-01T10:00:00.000Z')]).when(perfeziona('2023-12-31')).then([perfezionato(PRIMO_2024, '2023-12-31')]);
    const e = a('2024-01-02T10:00:00.000Z').given([cigSimogAssegnato('2023-12-01T10:00:00.000Z')]).when(perfeziona('2024-01-01')).thenThrows('SIMOG_SOLO_PERFEZIONAMENTO', 'rule');
    expect(e.message).toMatch(/pubblicata il 01\/01\/2024.*PCP/);
    expect(e.message).toMatch(/Delibera ANAC n\. 582/);
  });

  it('before SIMOG existed (26/4/2011) nothing is perfected (REGIME_NON_VIGENTE)', () => {
    a('2011-04-25T21:59:59.999Z').given([cigSimogAssegnato('2011-04-20T10:00:00.000Z')]).when(perfeziona('2011-04-20')).thenThrows('REGIME_NON_VIGENTE', 'rule');
    a('2011-04-25T22:00:00.000Z').given([cigSimogAssegnato('2011-04-20T10:00:00.000Z')]).when(perfeziona('2011-04-20')).then([
      { type: 'CigPerfezionato', data: { cig: 'A000000001', pubblicazione: { dataPubblicazione: '2011-04-20' }, il: '2011-04-25T22:00:00.000Z' } },
    ]);
  });

  it('DATI_PUBBLICAZIONE_NON_VALIDI: a malformed or future date (400, field named)', () => {
    const e = a('2019-03-06T10:00:00.000Z').given([cigSimogAssegnato()]).when(perfeziona('05/03/2019')).thenThrows('DATI_PUBBLICAZIONE_NON_VALIDI', 'invalid');
    expect(e.errors?.[0]).toMatchObject({ campo: 'pubblicazione.dataPubblicazione' });
    a('2019-03-06T10:00:00.000Z').given([cigSimogAssegnato()]).when(perfeziona('2019-03-07')).thenThrows('DATI_PUBBLICAZIONE_NON_VALIDI', 'invalid');
  });

  it('CIG_NON_PERFEZIONABILE: an expired or cancelled CIG (409); OPERAZIONE_SOLO_SIMOG: a PCP CIG (422)', () => {
    const scaduto = { type: 'CigScaduto' as const, data: { cig: 'A000000001', il: '2019-06-01T10:00:00.000Z' } };
    a('2019-06-02T10:00:00.000Z').given([cigSimogAssegnato(), scaduto]).when(perfeziona()).thenThrows('CIG_NON_PERFEZIONABILE', 'conflict');
    a('2019-06-02T10:00:00.000Z').given([cigSimogAssegnato(), cigCancellato()]).when(perfeziona()).thenThrows('CIG_NON_PERFEZIONABILE', 'conflict');
    a('2019-06-02T10:00:00.000Z').given([cigAssegnato()]).when(perfeziona()).thenThrows('OPERAZIONE_SOLO_SIMOG', 'rule');
  });
});

describe('CancellaCigSimog: a CIG not perfected is cancelled with a reason code 1–4, 4 with a note (avviso AVCP-SIMOG 2011)', () => {
  const cancella = (codiceMotivo: number, nota?: string): CigCommand => ({ type: 'CancellaCigSimog', codiceMotivo, ...(nota === undefined ? {} : { nota }) });
  const cancellato = (codiceMotivo: number, motivo: string, nota?: string) => ({
    type: 'CigCancellato' as const, data: { cig: 'A000000001', motivo, codiceMotivo, ...(nota ? { nota } : {}), il: '2019-03-10T10:00:00.000Z' },
  });
  const t = () => a('2019-03-10T10:00:00.000Z').given([cigSimogAssegnato()]);

  it.each([
    [1, 'Gara o lotto duplicato'],
    [2, 'Errore materiale'],
    [3, "Decisione dell'amministrazione"],
  ])('code %i: %s', (codice, motivo) => {
    t().when(cancella(codice)).then([cancellato(codice, motivo)]);
  });

  it('code 4 needs its note (400), and records it', () => {
    t().when(cancella(4)).thenThrows('NOTA_OBBLIGATORIA', 'invalid');
    t().when(cancella(4, '   ')).thenThrows('NOTA_OBBLIGATORIA', 'invalid');
    t().when(cancella(4, 'CIG richiesto per errore su altro CdC')).then([cancellato(4, 'Altro: CIG richiesto per errore su altro CdC', 'CIG richiesto per errore su altro CdC')]);
  });

  it.each([[0], [5], [1.5]])('MOTIVO_CANCELLAZIONE_NON_VALIDO: code %p (400)', (codice) => {
    t().when(cancella(codice)).thenThrows('MOTIVO_CANCELLAZIONE_NON_VALIDO', 'invalid');
  });

  it('ANNULLAMENTO_NECESSARIO: a perfected CIG is only annulled on request (422)', () => {
    a('2019-03-10T10:00:00.000Z').given([cigSimogAssegnato(), cigSimogPerfezionato()]).when(cancella(1)).thenThrows('ANNULLAMENTO_NECESSARIO', 'rule');
  });

  it('again with the same code changes nothing; another code is refused (409)', () => {
    a('2019-03-11T10:00:00.000Z').given([cigSimogAssegnato(), cancellato(2, 'Errore materiale')]).when(cancella(2)).then([]);
    a('2019-03-11T10:00:00.000Z').given([cigSimogAssegnato(), cancellato(2, 'Errore materiale')]).when(cancella(1)).thenThrows('CIG_GIA_CANCELLATO', 'conflict');
  });
});

describe('Annullamento: a perfected CIG is annulled only through a request with motivation and the RUP identity document (avviso AVCP-SIMOG 2011)', () => {
  const richiedi = (motivazione = 'Procedura revocata in autotutela', documentoIdentitaRup = 'CI AX1234567 Comune di Firenze'): CigCommand => ({
    type: 'RichiediAnnullamento', motivazione, documentoIdentitaRup, rup: RUP, protocollo: 'ANN-1',
  });
  const richiesto = { type: 'AnnullamentoRichiesto' as const, data: { cig: 'A000000001', motivazione: 'Procedura revocata in autotutela', documentoIdentitaRup: 'CI AX1234567 Comune di Firenze', rup: RUP, protocollo: 'ANN-1', il: '2019-04-01T10:00:00.000Z' } };
  const perfetto: CigEvent[] = [cigSimogAssegnato(), cigSimogPerfezionato()];
  const t = (storia: CigEvent[] = perfetto) => a('2019-04-01T10:00:00.000Z').given(storia);

  it('records the request', () => {
    t().when(richiedi()).then([richiesto]);
  });

  it('RICHIESTA_ANNULLAMENTO_NON_VALIDA: without motivation or identity document (400, both fields named)', () => {
    const e = t().when(richiedi(' ', '')).thenThrows('RICHIESTA_ANNULLAMENTO_NON_VALIDA', 'invalid');
    expect(e.errors?.map((p) => p.campo)).toEqual(['motivazione', 'documentoIdentitaRup']);
  });

  it('CANCELLAZIONE_POSSIBILE: a CIG not perfected is cancelled instead (422)', () => {
    t([cigSimogAssegnato()]).when(richiedi()).thenThrows('CANCELLAZIONE_POSSIBILE', 'rule');
  });

  it('the same request again changes nothing; another one while pending is refused (409)', () => {
    t([...perfetto, richiesto]).when(richiedi()).then([]);
    t([...perfetto, richiesto]).when(richiedi('altro motivo')).thenThrows('ANNULLAMENTO_IN_CORSO', 'conflict');
  });

  it('the Authority grants it: CigAnnullato; refuses it: AnnullamentoRespinto with the reason', () => {
    t([...perfetto, richiesto]).when({ type: 'RegistraEsitoAnnullamento', accolto: true }).then([
      { type: 'CigAnnullato', data: { cig: 'A000000001', motivo: 'Procedura revocata in autotutela', il: '2019-04-01T10:00:00.000Z' } },
    ]);
    t([...perfetto, richiesto]).when({ type: 'RegistraEsitoAnnullamento', accolto: false, motivo: 'Documento illeggibile' }).then([
      { type: 'AnnullamentoRespinto', data: { cig: 'A000000001', motivo: 'Documento illeggibile', il: '2019-04-01T10:00:00.000Z' } },
    ]);
    t([...perfetto, richiesto]).when({ type: 'RegistraEsitoAnnullamento', accolto: false }).thenThrows('MOTIVO_RIFIUTO_OBBLIGATORIO', 'invalid');
  });

  it('ANNULLAMENTO_NON_RICHIESTO: an outcome without a pending request (409); a refused request can be made again', () => {
    t().when({ type: 'RegistraEsitoAnnullamento', accolto: true }).thenThrows('ANNULLAMENTO_NON_RICHIESTO', 'conflict');
    const respinto = { type: 'AnnullamentoRespinto' as const, data: { cig: 'A000000001', motivo: 'no', il: '2019-04-01T10:00:00.000Z' } };
    t([...perfetto, richiesto, respinto]).when(richiedi()).then([richiesto]);
  });

  it('CIG_GIA_ANNULLATO: once annulled (409)', () => {
    const annullato = { type: 'CigAnnullato' as const, data: { cig: 'A000000001', il: '2019-04-01T10:00:00.000Z' } };
    t([...perfetto, richiesto, annullato]).when(richiedi()).thenThrows('CIG_GIA_ANNULLATO', 'conflict');
  });
});

describe('ScadenzaCig: a SIMOG CIG not perfected by its deadline expires (avviso AVCP-SIMOG 2011; 90 days by default)', () => {
  const dovutaIl = '2019-05-30T10:00:00.000Z';
  const scadenza: CigCommand = { type: 'ScadenzaCig', dovutaIl };

  it('expires at the deadline, not a millisecond before', () => {
    a('2019-05-30T09:59:59.999Z').given([cigSimogAssegnato()]).when(scadenza).thenThrows('SCADENZA_NON_RAGGIUNTA', 'conflict');
    a(dovutaIl).given([cigSimogAssegnato()]).when(scadenza).then([{ type: 'CigScaduto', data: { cig: 'A000000001', scadenza: dovutaIl, il: dovutaIl } }]);
  });

  it('fired late (the service was down): dated at the deadline, not when the scheduler ran', () => {
    a('2019-06-02T08:00:00.000Z').given([cigSimogAssegnato()]).when(scadenza).then([{ type: 'CigScaduto', data: { cig: 'A000000001', scadenza: dovutaIl, il: dovutaIl } }]);
  });

  it('a perfected, cancelled or already expired CIG does not expire (nothing to do)', () => {
    a(dovutaIl).given([cigSimogAssegnato(), cigSimogPerfezionato()]).when(scadenza).then([]);
    a(dovutaIl).given([cigSimogAssegnato(), cigCancellato()]).when(scadenza).then([]);
    a(dovutaIl).given([cigSimogAssegnato(), { type: 'CigScaduto', data: { cig: 'A000000001', il: dovutaIl } }]).when(scadenza).then([]);
    a(dovutaIl).given([cigAssegnato()]).when(scadenza).then([]);
  });
});

describe('AssegnaCig of a SIMOG lot or a code registered by hand (avviso AVCP-SIMOG 2011)', () => {
  it('records who and what the code is for, with its deadline', () => {
    const e = cigSimogAssegnato('2019-03-01T10:00:00.000Z');
    a('2019-03-01T10:00:00.000Z').given([]).when({ type: 'AssegnaCig', cig: 'A000000001', regime: 'SIMOG', appaltoId: e.data.appaltoId, lotIdentifier: 'LOT-0001', richiesta: e.data.richiesta })
      .then([{ type: 'CigAssegnato', data: { cig: 'A000000001', regime: 'SIMOG', appaltoId: e.data.appaltoId, lotIdentifier: 'LOT-0001', idAppaltoAnac: undefined, sostituisce: undefined, richiesta: e.data.richiesta, il: '2019-03-01T10:00:00.000Z' } }]);
  });

  it('FAMIGLIA_CIG_NON_COERENTE: a SmartCIG code is not a SIMOG CIG (422)', () => {
    a('2019-03-01T10:00:00.000Z').given([]).when({ type: 'AssegnaCig', cig: 'X000000001', regime: 'SIMOG', appaltoId: 'g', lotIdentifier: 'X000000001' }).thenThrows('FAMIGLIA_CIG_NON_COERENTE', 'rule');
  });
});
