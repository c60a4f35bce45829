import { spec } from '../shared/testing/given-when-then.js';
import { cigDecider } from './decider.js';
import { alle, datiSmartCig, GARA_ID, registraSmartCig, richiesta, SMART, smartCigRegistrato } from './testing/mothers-regimi.js';

const a = (iso: string) => spec(cigDecider, alle(iso));

describe('RegistraSmartCig: a single SmartCIG with its minimal data (nota SMART CIG 2011), 2/5/2011 – 31/12/2023', () => {
  it('records the code and the data communicated with the request', () => {
    a('2015-06-01T10:00:00.000Z').given([]).when(registraSmartCig()).then(smartCigRegistrato('2015-06-01T10:00:00.000Z'));
  });

  it('REGIME_NON_VIGENTE on either side of the service\'s life (SMARTCIG rule, nota SMART CIG 2011)', () => {
    a('2011-05-01T21:59:59.999Z').given([]).when(registraSmartCig({ importo: '1000' })).thenThrows('REGIME_NON_VIGENTE', 'rule');
    a('2011-05-01T22:00:00.000Z').given([]).when(registraSmartCig({ importo: '1000' })).then(smartCigRegistrato('2011-05-01T22:00:00.000Z', { importo: '1000' }));
    a('2023-12-31T22:59:59.999Z').given([]).when(registraSmartCig()).then(smartCigRegistrato('2023-12-31T22:59:59.999Z'));
    const e = a('2023-12-31T23:00:00.000Z').given([]).when(registraSmartCig()).thenThrows('REGIME_NON_VIGENTE', 'rule');
    expect(e.message).toMatch(/SMARTCIG.*01\/01\/2024.*nota SMART CIG 2011/);
  });

  it('DATI_SMARTCIG_NON_VALIDI: every wrong field named (400)', () => {
    const e = a('2015-06-01T10:00:00.000Z').given([]).when(registraSmartCig({ importo: '0', oggetto: ' ', cup: 'abc', cigAccordoQuadro: 'bad' })).thenThrows('DATI_SMARTCIG_NON_VALIDI', 'invalid');
    expect(e.errors?.map((p) => p.campo)).toEqual(['dati.importo', 'dati.oggetto', 'dati.cigAccordoQuadro', 'dati.cup']);
  });

  it('a derived CIG names its framework agreement; the CUP is kept', () => {
    a('2015-06-01T10:00:00.000Z').given([]).when(registraSmartCig({ cigAccordoQuadro: '1234567ABC', cup: 'J11B12000120002' }))
      .then(smartCigRegistrato('2015-06-01T10:00:00.000Z', { cigAccordoQuadro: '1234567ABC', cup: 'J11B12000120002' }));
  });

  it('FAMIGLIA_CIG_NON_COERENTE: a SmartCIG is an X/Y/Z code (422); the same registration again changes nothing', () => {
    a('2015-06-01T10:00:00.000Z').given([]).when({ type: 'RegistraSmartCig', cig: 'A000000001', appaltoId: GARA_ID, richiesta: richiesta(), dati: datiSmartCig() }).thenThrows('FAMIGLIA_CIG_NON_COERENTE', 'rule');
    a('2015-06-02T10:00:00.000Z').given(smartCigRegistrato('2015-06-01T10:00:00.000Z')).when(registraSmartCig()).then([]);
  });
});

describe('ModificaSmartCig and AnnullaSmartCig: "modificare" and "annullare la comunicazione" (nota SMART CIG 2011)', () => {
  const registrato = smartCigRegistrato('2015-06-01T10:00:00.000Z');

  it('modifies the data, checked against the threshold of the day', () => {
    a('2015-07-01T10:00:00.000Z').given(registrato).when({ type: 'ModificaSmartCig', dati: datiSmartCig({ importo: '18000' }) }).then([
      { type: 'CigComunicato', data: { cig: SMART, dati: datiSmartCig({ importo: '18000' }), modifica: true, il: '2015-07-01T10:00:00.000Z' } },
    ]);
    a('2015-07-01T10:00:00.000Z').given(registrato).when({ type: 'ModificaSmartCig', dati: datiSmartCig({ importo: '40000' }) }).thenThrows('SOGLIA_SMARTCIG_SUPERATA', 'rule');
    a('2015-07-01T10:00:00.000Z').given(registrato).when({ type: 'ModificaSmartCig', dati: datiSmartCig() }).then([]);
  });

  it('no modification once SmartCIG is switched off (1/1/2024, 422)', () => {
    a('2023-12-31T23:00:00.000Z').given(registrato).when({ type: 'ModificaSmartCig', dati: datiSmartCig({ importo: '18000' }) }).thenThrows('REGIME_NON_VIGENTE', 'rule');
  });

  it('annuls the communication once; a modification after it is refused (409)', () => {
    const annullato = { type: 'CigAnnullato' as const, data: { cig: SMART, motivo: 'Contratto non stipulato', il: '2015-07-01T10:00:00.000Z' } };
    a('2015-07-01T10:00:00.000Z').given(registrato).when({ type: 'AnnullaSmartCig', motivo: 'Contratto non stipulato' }).then([annullato]);
    a('2015-07-02T10:00:00.000Z').given([...registrato, annullato]).when({ type: 'AnnullaSmartCig' }).then([]);
    a('2015-07-02T10:00:00.000Z').given([...registrato, annullato]).when({ type: 'ModificaSmartCig', dati: datiSmartCig({ importo: '18000' }) }).thenThrows('CIG_ANNULLATO', 'conflict');
    a('2023-12-31T23:00:00.000Z').given(registrato).when({ type: 'AnnullaSmartCig' }).thenThrows('REGIME_NON_VIGENTE', 'rule');
  });
});
