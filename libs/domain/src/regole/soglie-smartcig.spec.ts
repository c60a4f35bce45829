import type { DatiSmartCig } from '../smart-cig/types.js';
import { DomainError } from '../shared/domain-error.js';
import { verificaSogliaSmartCig } from './soglie-smartcig.js';

const at = (iso: string) => new Date(iso);
const dati = (fattispecie: DatiSmartCig['fattispecie'], oggettoPrincipale: DatiSmartCig['oggettoPrincipale'], importo: string) => ({ fattispecie, oggettoPrincipale, importo });
const esito = (d: ReturnType<typeof dati>, istante: string): string => {
  try {
    verificaSogliaSmartCig(d, at(istante));
    return 'ok';
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('SmartCIG thresholds by fattispecie and date (avviso AVCP-SIMOG 2011, nota SMART CIG 2011), as dated data', () => {
  it.each([
    // works: below 40,000 from the launch (nota SMART CIG 2011)
    ['lavori 39,999.99 at launch', dati('AFFIDAMENTO_SOTTO_SOGLIA', 'LAVORI', '39999.99'), '2011-05-01T22:00:00.000Z', 'ok'],
    ['lavori 40,000 at launch', dati('AFFIDAMENTO_SOTTO_SOGLIA', 'LAVORI', '40000'), '2011-05-01T22:00:00.000Z', 'SOGLIA_SMARTCIG_SUPERATA'],
    // services and supplies: below 20,000 until 12/7/2011, below 40,000 from 13/7/2011
    ['servizi 19,999.99 on 12/7/2011', dati('AFFIDAMENTO_SOTTO_SOGLIA', 'SERVIZI', '19999.99'), '2011-07-12T21:59:59.999Z', 'ok'],
    ['servizi 20,000 on 12/7/2011', dati('AFFIDAMENTO_SOTTO_SOGLIA', 'SERVIZI', '20000'), '2011-07-12T21:59:59.999Z', 'SOGLIA_SMARTCIG_SUPERATA'],
    ['forniture 20,000 on 13/7/2011', dati('AFFIDAMENTO_SOTTO_SOGLIA', 'FORNITURE', '20000'), '2011-07-12T22:00:00.000Z', 'ok'],
    ['forniture 39,999.99 in 2020', dati('AFFIDAMENTO_SOTTO_SOGLIA', 'FORNITURE', '39999.99'), '2020-01-10T10:00:00.000Z', 'ok'],
    ['forniture 40,000 in 2020', dati('AFFIDAMENTO_SOTTO_SOGLIA', 'FORNITURE', '40000'), '2020-01-10T10:00:00.000Z', 'SOGLIA_SMARTCIG_SUPERATA'],
    // excluded contracts: up to 150,000 included
    ['escluso 150,000', dati('CONTRATTO_ESCLUSO', 'SERVIZI', '150000'), '2015-01-10T10:00:00.000Z', 'ok'],
    ['escluso 150,000.01', dati('CONTRATTO_ESCLUSO', 'SERVIZI', '150000.01'), '2015-01-10T10:00:00.000Z', 'SOGLIA_SMARTCIG_SUPERATA'],
    // arts. 16-18: any amount
    ['artt. 16-18, 10 million', dati('CONTRATTO_ART_16_17_18', 'LAVORI', '10000000'), '2015-01-10T10:00:00.000Z', 'ok'],
    ['artt. 149, 218, 10 million', dati('CONTRATTO_ART_149_218', 'LAVORI', '10000000'), '2015-01-10T10:00:00.000Z', 'ok'],
    // the service itself: 2/5/2011 – 31/12/2023
    ['before the launch', dati('CONTRATTO_ART_16_17_18', 'LAVORI', '100'), '2011-05-01T21:59:59.999Z', 'REGIME_NON_VIGENTE'],
    ['last instant of 2023', dati('AFFIDAMENTO_SOTTO_SOGLIA', 'LAVORI', '100'), '2023-12-31T22:59:59.999Z', 'ok'],
    ['first instant of 2024', dati('AFFIDAMENTO_SOTTO_SOGLIA', 'LAVORI', '100'), '2023-12-31T23:00:00.000Z', 'REGIME_NON_VIGENTE'],
  ])('%s: %s', (_caso, d, istante, atteso) => {
    expect(esito(d, istante)).toBe(atteso);
  });

  it('the refusal names the rule, the limit, its validity and its source', () => {
    expect(() => verificaSogliaSmartCig(dati('AFFIDAMENTO_SOTTO_SOGLIA', 'SERVIZI', '25000'), at('2011-06-01T10:00:00.000Z'))).toThrow(
      /SMARTCIG_SOGLIA.*sotto 20\.000 euro.*dal 02\/05\/2011 al 12\/07\/2011.*nota SMART CIG 2011/,
    );
  });
});
