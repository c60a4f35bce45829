import type { StatoCig } from '../cig/state.js';
import { spec } from '../shared/testing/given-when-then.js';
import { garaSimogDecider, type GaraSimogCommand, type GaraSimogContext } from './decider.js';
import type { GaraSimogEvent } from './events.js';

const GARA = '7d1f0c2a-4b7d-4c1e-9a3f-2d6b8e1c0a02';
const RUP = { userId: 'marco.giovannetti', nome: 'Marco Giovannetti', codiceFiscale: 'GVNMRC70A01D612Q' };
const SA = { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000246180' };
const CDC = { codice: 'CDC-TOSCANA-CONTRATTI', denominazione: 'Settore Contratti' };

const contesto = (iso: string, stati: Record<string, StatoCig> = {}, rupOk = true): GaraSimogContext => ({
  now: new Date(iso), newId: () => 'id', cigValido: (c) => /^[A-Z0-9]{10}$/.test(c), responsabileNelCdc: () => rupOk, statoCig: (cig) => stati[cig],
});
const a = (iso: string, stati: Record<string, StatoCig> = {}, rupOk = true) => spec(garaSimogDecider, contesto(iso, stati, rupOk));

const crea: GaraSimogCommand = { type: 'CreaGaraSimog', garaId: GARA, numeroGara: '7654321', oggetto: 'Servizi di pulizia', stazioneAppaltante: SA, centroDiCosto: CDC, ufficio: 'UFF-TOSCANA-GARE', rup: RUP, creatoDa: RUP };
const creata = (il = '2019-03-01T10:00:00.000Z'): GaraSimogEvent => ({
  type: 'GaraSimogCreata', data: { garaId: GARA, numeroGara: '7654321', oggetto: 'Servizi di pulizia', stazioneAppaltante: SA, centroDiCosto: CDC, ufficio: 'UFF-TOSCANA-GARE', rup: RUP, creatoDa: RUP, il },
});
const dati = { oggetto: 'Lotto 1', importo: '100000', oggettoPrincipale: 'SERVIZI' as const };
const aggiungi = (cig = '1234567ABC'): GaraSimogCommand => ({ type: 'AggiungiLottoSimog', cig, dati });
const aggiunto = (n: number, cig: string, il = '2019-03-01T10:00:00.000Z'): GaraSimogEvent => ({
  type: 'LottoSimogAggiunto', data: { garaId: GARA, lotto: { lotIdentifier: `LOT-000${n}`, cig, ...dati }, il },
});

describe('CreaGaraSimog: SIMOG gare from 26/4/2011 to 31/12/2023 (avviso AVCP-SIMOG 2011)', () => {
  it('creates the gara with the numero gara SIMOG issued', () => {
    a('2019-03-01T10:00:00.000Z').given([]).when(crea).then([creata()]);
  });

  it('REGIME_NON_VIGENTE before 26/4/2011 and from 1/1/2024 (Rome days)', () => {
    a('2011-04-25T21:59:59.999Z').given([]).when(crea).thenThrows('REGIME_NON_VIGENTE', 'rule');
    a('2011-04-25T22:00:00.000Z').given([]).when(crea).then([creata('2011-04-25T22:00:00.000Z')]);
    a('2023-12-31T22:59:59.999Z').given([]).when(crea).then([creata('2023-12-31T22:59:59.999Z')]);
    const e = a('2023-12-31T23:00:00.000Z').given([]).when(crea).thenThrows('REGIME_NON_VIGENTE', 'rule');
    expect(e.message).toMatch(/SIMOG_ACQUISIZIONE_CIG.*01\/01\/2024.*avviso AVCP-SIMOG 2011/);
  });

  it('RUP_NON_RESPONSABILE_NEL_CDC (manuale START Richiedi CIG, 422); DATI_GARA_NON_VALIDI (400)', () => {
    a('2019-03-01T10:00:00.000Z', {}, false).given([]).when(crea).thenThrows('RUP_NON_RESPONSABILE_NEL_CDC', 'rule');
    a('2019-03-01T10:00:00.000Z').given([]).when({ ...crea, oggetto: ' ' } as GaraSimogCommand).thenThrows('DATI_GARA_NON_VALIDI', 'invalid');
  });
});

describe('AggiungiLottoSimog: one CIG per lot, issued at the lot\'s creation (avviso AVCP-SIMOG 2011)', () => {
  it('adds lots with their CIG, numbered in order; the same CIG again changes nothing', () => {
    a('2019-03-01T10:00:00.000Z').given([creata()]).when(aggiungi()).then([aggiunto(1, '1234567ABC')]);
    a('2019-03-01T10:00:00.000Z').given([creata(), aggiunto(1, '1234567ABC')]).when(aggiungi('A000000001')).then([aggiunto(2, 'A000000001')]);
    a('2019-03-01T10:00:00.000Z').given([creata(), aggiunto(1, '1234567ABC')]).when(aggiungi()).then([]);
  });

  it('no new lot from 1/1/2024 (422), nor on a cancelled gara (409), nor with a SmartCIG code (422)', () => {
    a('2023-12-31T23:00:00.000Z').given([creata()]).when(aggiungi()).thenThrows('REGIME_NON_VIGENTE', 'rule');
    a('2023-12-31T22:59:59.999Z').given([creata()]).when(aggiungi()).then([aggiunto(1, '1234567ABC', '2023-12-31T22:59:59.999Z')]);
    const cancellata: GaraSimogEvent = { type: 'GaraSimogCancellata', data: { garaId: GARA, il: '2019-03-02T10:00:00.000Z' } };
    a('2019-03-03T10:00:00.000Z').given([creata(), cancellata]).when(aggiungi()).thenThrows('GARA_CANCELLATA', 'conflict');
    a('2019-03-01T10:00:00.000Z').given([creata()]).when(aggiungi('X000000001')).thenThrows('CIG_NON_VALIDO', 'rule');
  });
});

describe('CancellaGaraSimog: only when no lot is alive any more (DESIGN §2)', () => {
  const storia = [creata(), aggiunto(1, '1234567ABC'), aggiunto(2, 'A000000001')];
  const cancella: GaraSimogCommand = { type: 'CancellaGaraSimog', motivo: 'Gara non più necessaria' };

  it('LOTTI_NON_CANCELLATI names the lots still alive (422)', () => {
    const e = a('2019-04-01T10:00:00.000Z', { '1234567ABC': 'CANCELLATO', A000000001: 'PERFEZIONATO' }).given(storia).when(cancella).thenThrows('LOTTI_NON_CANCELLATI', 'rule');
    expect(e.message).toMatch(/LOT-0002 \(CIG A000000001, perfezionato\)/);
  });

  it.each([
    ['cancelled and annulled', { '1234567ABC': 'CANCELLATO', A000000001: 'ANNULLATO' }],
    ['cancelled and expired', { '1234567ABC': 'CANCELLATO', A000000001: 'SCADUTO' }],
    ['annulled and expired', { '1234567ABC': 'ANNULLATO', A000000001: 'SCADUTO' }],
  ] as const)('cancels a gara whose lots are %s: every lot in a final state', (_caso, stati) => {
    a('2019-04-01T10:00:00.000Z', stati).given(storia).when(cancella).then([
      { type: 'GaraSimogCancellata', data: { garaId: GARA, motivo: 'Gara non più necessaria', il: '2019-04-01T10:00:00.000Z' } },
    ]);
  });

  it('a lot perfected (also with its annulment only requested) or still to perfect keeps the gara alive', () => {
    a('2019-04-01T10:00:00.000Z', { '1234567ABC': 'SCADUTO', A000000001: 'PERFEZIONATO' }).given(storia).when(cancella).thenThrows('LOTTI_NON_CANCELLATI', 'rule');
    a('2019-04-01T10:00:00.000Z', { '1234567ABC': 'CANCELLATO', A000000001: 'ASSEGNATO' }).given(storia).when(cancella).thenThrows('LOTTI_NON_CANCELLATI', 'rule');
  });

  it('cancels when all are cancelled; again changes nothing', () => {
    const tutti = { '1234567ABC': 'CANCELLATO', A000000001: 'CANCELLATO' } as const;
    const cancellata: GaraSimogEvent = { type: 'GaraSimogCancellata', data: { garaId: GARA, motivo: 'Gara non più necessaria', il: '2019-04-01T10:00:00.000Z' } };
    a('2019-04-01T10:00:00.000Z', tutti).given(storia).when(cancella).then([cancellata]);
    a('2019-04-01T10:00:00.000Z', tutti).given([...storia, cancellata]).when(cancella).then([]);
    a('2019-04-01T10:00:00.000Z').given([creata()]).when(cancella).then([{ type: 'GaraSimogCancellata', data: { garaId: GARA, motivo: 'Gara non più necessaria', il: '2019-04-01T10:00:00.000Z' } }]);
  });
});
