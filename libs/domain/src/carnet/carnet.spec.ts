import { spec } from '../shared/testing/given-when-then.js';
import { carnetDecider } from './decider.js';
import { annullato, carnetRilasciato, CODICI, comunicato, contestoCarnet, dati, NUMERO, rilascia, RILASCIO, SCADENZA, TERMINE } from './testing/mothers.js';

const a = (iso: string, rupOk = true) => spec(carnetDecider, contestoCarnet(iso, rupOk));
const X1 = CODICI[0];

describe('RilasciaCarnet: 50 codes usable at once, valid 90 days, data due 30 days after expiry (nota SMART CIG 2011)', () => {
  it('records the request and the release with its two dates', () => {
    a(RILASCIO).given([]).when(rilascia()).then(carnetRilasciato());
  });

  it('REGIME_NON_VIGENTE before 2/5/2011 and from 1/1/2024 (CARNET_SMARTCIG)', () => {
    a('2011-05-01T21:59:59.999Z').given([]).when(rilascia()).thenThrows('REGIME_NON_VIGENTE', 'rule');
    a('2011-05-01T22:00:00.000Z').given([]).when(rilascia()).then(carnetRilasciato('2011-05-01T22:00:00.000Z', '2011-07-30T22:00:00.000Z', '2011-08-29T22:00:00.000Z'));
    a('2023-12-31T22:59:59.999Z').given([]).when(rilascia()).then(carnetRilasciato('2023-12-31T22:59:59.999Z', '2024-03-30T22:59:59.999Z', '2024-04-29T22:59:59.999Z'));
    a('2023-12-31T23:00:00.000Z').given([]).when(rilascia()).thenThrows('REGIME_NON_VIGENTE', 'rule');
  });

  it('CODICI_CARNET_NON_VALIDI: not 50 distinct SmartCIGs (422); RUP_NON_RESPONSABILE_NEL_CDC (422)', () => {
    a(RILASCIO).given([]).when(rilascia(CODICI.slice(1))).thenThrows('CODICI_CARNET_NON_VALIDI', 'rule');
    a(RILASCIO).given([]).when(rilascia([...CODICI.slice(1), CODICI[1]])).thenThrows('CODICI_CARNET_NON_VALIDI', 'rule');
    a(RILASCIO).given([]).when(rilascia([...CODICI.slice(1), 'A000000001'])).thenThrows('CODICI_CARNET_NON_VALIDI', 'rule');
    a(RILASCIO, false).given([]).when(rilascia()).thenThrows('RUP_NON_RESPONSABILE_NEL_CDC', 'rule');
  });

  it('the same request again changes nothing', () => {
    a(RILASCIO).given(carnetRilasciato()).when(rilascia()).then([]);
  });
});

describe('ComunicaCigDelCarnet: NON RENDICONTATO → COMUNICATO with the SmartCIG data (nota SMART CIG 2011)', () => {
  const comunica = (cig = X1, d = dati()) => ({ type: 'ComunicaCigDelCarnet' as const, cig, dati: d });

  it('on time until 30 days after expiry; from then accepted and marked late (it lifts the block on new carnets)', () => {
    a('2011-05-04T09:00:00.000Z').given(carnetRilasciato()).when(comunica()).then([comunicato(X1, '2011-05-04T09:00:00.000Z')]);
    a(SCADENZA).given(carnetRilasciato()).when(comunica()).then([comunicato(X1, SCADENZA)]);
    a('2011-09-01T07:59:59.999Z').given(carnetRilasciato()).when(comunica()).then([comunicato(X1, '2011-09-01T07:59:59.999Z')]);
    a(TERMINE).given(carnetRilasciato()).when(comunica()).then([comunicato(X1, TERMINE, true)]);
  });

  it('the thresholds are those of the release day (services < 20,000 in May 2011)', () => {
    a('2011-08-10T10:00:00.000Z').given(carnetRilasciato()).when(comunica(X1, dati({ importo: '25000' }))).thenThrows('SOGLIA_SMARTCIG_SUPERATA', 'rule');
  });

  it('CIG_NON_NEL_CARNET (404); the same data again change nothing; other data (409); an annulled code (409)', () => {
    a(RILASCIO).given(carnetRilasciato()).when(comunica('X999999999')).thenThrows('CIG_NON_NEL_CARNET', 'not_found');
    a(RILASCIO).given([...carnetRilasciato(), comunicato(X1, RILASCIO)]).when(comunica()).then([]);
    a(RILASCIO).given([...carnetRilasciato(), comunicato(X1, RILASCIO)]).when(comunica(X1, dati({ oggetto: 'altro' }))).thenThrows('CIG_GIA_COMUNICATO', 'conflict');
    a(RILASCIO).given([...carnetRilasciato(), annullato(X1, RILASCIO)]).when(comunica()).thenThrows('CIG_GIA_ANNULLATO', 'conflict');
    a(RILASCIO).given([]).when(comunica()).thenThrows('CARNET_NON_TROVATO', 'not_found');
  });
});

describe('AnnullaCigDelCarnet: NON RENDICONTATO → ANNULLATO', () => {
  it('annuls once; a communicated code is not annulled (409)', () => {
    a(RILASCIO).given(carnetRilasciato()).when({ type: 'AnnullaCigDelCarnet', cig: X1 }).then([annullato(X1, RILASCIO)]);
    a(RILASCIO).given([...carnetRilasciato(), annullato(X1, RILASCIO)]).when({ type: 'AnnullaCigDelCarnet', cig: X1 }).then([]);
    a(RILASCIO).given([...carnetRilasciato(), comunicato(X1, RILASCIO)]).when({ type: 'AnnullaCigDelCarnet', cig: X1 }).thenThrows('CIG_GIA_COMUNICATO', 'conflict');
    a(TERMINE).given(carnetRilasciato()).when({ type: 'AnnullaCigDelCarnet', cig: X1 }).then([annullato(X1, TERMINE, true)]);
  });
});

describe('Deadlines: CarnetScaduto at expiry, RendicontazioneScaduta at expiry + 30 days', () => {
  it('CarnetScaduto at the expiry instant, not before; once', () => {
    a('2011-08-02T07:59:59.999Z').given(carnetRilasciato()).when({ type: 'ScadenzaCarnet' }).thenThrows('SCADENZA_NON_RAGGIUNTA', 'conflict');
    a(SCADENZA).given(carnetRilasciato()).when({ type: 'ScadenzaCarnet' }).then([{ type: 'CarnetScaduto', data: { numero: NUMERO, il: SCADENZA } }]);
    a(SCADENZA).given([...carnetRilasciato(), { type: 'CarnetScaduto', data: { numero: NUMERO, il: SCADENZA } }]).when({ type: 'ScadenzaCarnet' }).then([]);
  });

  it('RendicontazioneScaduta at the term, listing the codes not reported; once', () => {
    const storia = [...carnetRilasciato(), comunicato(X1, RILASCIO), annullato(CODICI[1], RILASCIO), { type: 'CarnetScaduto' as const, data: { numero: NUMERO, il: SCADENZA } }];
    a('2011-09-01T07:59:59.999Z').given(storia).when({ type: 'ScadenzaRendicontazione' }).thenThrows('SCADENZA_NON_RAGGIUNTA', 'conflict');
    const scaduta = { type: 'RendicontazioneScaduta' as const, data: { numero: NUMERO, nonRendicontati: CODICI.slice(2), il: TERMINE } };
    a(TERMINE).given(storia).when({ type: 'ScadenzaRendicontazione' }).then([scaduta]);
    a(TERMINE).given([...storia, scaduta]).when({ type: 'ScadenzaRendicontazione' }).then([]);
  });

  it('at the term, an expiry not yet recorded is recorded first, each dated when it fell due', () => {
    a(TERMINE).given(carnetRilasciato()).when({ type: 'ScadenzaRendicontazione' }).then([
      { type: 'CarnetScaduto', data: { numero: NUMERO, il: SCADENZA } },
      { type: 'RendicontazioneScaduta', data: { numero: NUMERO, nonRendicontati: CODICI, il: TERMINE } },
    ]);
  });

  it('fired late (the service was down): dated at the deadline, not when the scheduler ran', () => {
    const dopo = '2011-10-15T08:00:00.000Z';
    a(dopo).given(carnetRilasciato()).when({ type: 'ScadenzaCarnet' }).then([{ type: 'CarnetScaduto', data: { numero: NUMERO, il: SCADENZA } }]);
    a(dopo).given([...carnetRilasciato(), { type: 'CarnetScaduto', data: { numero: NUMERO, il: SCADENZA } }]).when({ type: 'ScadenzaRendicontazione' }).then([
      { type: 'RendicontazioneScaduta', data: { numero: NUMERO, nonRendicontati: CODICI, il: TERMINE } },
    ]);
  });
});
