import { spec } from '../shared/testing/given-when-then.js';
import type { RegistroCarnetEvent } from './events.js';
import { registroCarnetDecider, type RegistroCarnetCommand } from './registro.js';

const registrato = (numero: string, rilascio: string, scadenza: string, termine: string, il = rilascio): RegistroCarnetEvent => ({
  type: 'CarnetRegistrato', data: { numero, rilasciatoIl: rilascio, scadenzaIl: scadenza, termineRendicontazione: termine, il },
});
const A = registrato('CARNET/0000001', '2011-05-04T08:00:00.000Z', '2011-08-02T08:00:00.000Z', '2011-09-01T08:00:00.000Z');
const B = registrato('CARNET/0000002', '2011-05-10T08:00:00.000Z', '2011-08-08T08:00:00.000Z', '2011-09-07T08:00:00.000Z');
const nuovo = (numero = 'CARNET/0000003', rilascio = '2011-06-01T08:00:00.000Z'): RegistroCarnetCommand => ({
  type: 'RegistraCarnet', numero, rilasciatoIl: rilascio, scadenzaIl: '2030-01-01T00:00:00.000Z', termineRendicontazione: '2030-01-31T00:00:00.000Z',
});
const a = (iso: string, nonRendicontati: Record<string, number> = {}) =>
  spec(registroCarnetDecider, { now: new Date(iso), newId: () => 'id', nonRendicontati: (n: string) => nonRendicontati[n] ?? 0 });
const atteso = (iso: string) => ({ ...nuovo('CARNET/0000003', '2011-06-01T08:00:00.000Z'), il: iso });
const evento = (iso: string): RegistroCarnetEvent => {
  const { type: _t, ...data } = atteso(iso);
  return { type: 'CarnetRegistrato', data };
};

describe('RegistraCarnet: at most 2 active per RUP and CdC; none while data are overdue (nota SMART CIG 2011)', () => {
  it('a first and a second carnet are registered', () => {
    a('2011-05-04T08:00:00.000Z').given([]).when(nuovo()).then([evento('2011-05-04T08:00:00.000Z')]);
    a('2011-05-10T08:00:00.000Z').given([A]).when(nuovo()).then([evento('2011-05-10T08:00:00.000Z')]);
  });

  it('MASSIMO_CARNET_ATTIVI: a third while two are active (422), allowed from the instant one expires', () => {
    const e = a('2011-08-02T07:59:59.999Z').given([A, B]).when(nuovo()).thenThrows('MASSIMO_CARNET_ATTIVI', 'rule');
    expect(e.message).toMatch(/nota SMART CIG 2011.*CARNET\/0000001 \(scade il 02\/08\/2011\)/);
    a('2011-08-02T08:00:00.000Z').given([A, B]).when(nuovo()).then([evento('2011-08-02T08:00:00.000Z')]);
  });

  it('RENDICONTAZIONE_IN_RITARDO: from the term on, while codes of an expired carnet are not reported (422); allowed once reported', () => {
    a('2011-09-01T07:59:59.999Z', { 'CARNET/0000001': 3 }).given([A]).when(nuovo()).then([evento('2011-09-01T07:59:59.999Z')]);
    const e = a('2011-09-01T08:00:00.000Z', { 'CARNET/0000001': 3 }).given([A]).when(nuovo()).thenThrows('RENDICONTAZIONE_IN_RITARDO', 'rule');
    expect(e.message).toMatch(/CARNET\/0000001 \(3 CIG non rendicontati, termine 01\/09\/2011\)/);
    a('2011-09-01T08:00:00.000Z', { 'CARNET/0000001': 0 }).given([A]).when(nuovo()).then([evento('2011-09-01T08:00:00.000Z')]);
  });

  it('REGIME_NON_VIGENTE: no new carnet before 2/5/2011 nor from 1/1/2024 (CARNET_SMARTCIG)', () => {
    a('2011-05-01T21:59:59.999Z').given([]).when(nuovo()).thenThrows('REGIME_NON_VIGENTE', 'rule');
    a('2023-12-31T22:59:59.999Z').given([]).when(nuovo()).then([evento('2023-12-31T22:59:59.999Z')]);
    a('2023-12-31T23:00:00.000Z').given([]).when(nuovo()).thenThrows('REGIME_NON_VIGENTE', 'rule');
  });

  it('the same carnet again changes nothing', () => {
    const gia = registrato('CARNET/0000003', '2011-06-01T08:00:00.000Z', '2030-01-01T00:00:00.000Z', '2030-01-31T00:00:00.000Z');
    a('2011-06-01T08:00:00.000Z').given([A, B, gia]).when(nuovo()).then([]);
  });
});
