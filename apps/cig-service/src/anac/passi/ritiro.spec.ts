import { fold, appaltoDecider, type AppaltoEsistente, type AppaltoEvent } from '#domain';
import type { Passo, Pratica } from '../pratiche.store.js';
import { ritiroPrimaDellInvio } from './ritiro.js';

const IL = '2024-03-15T10:00:00.000Z';
const persona = { userId: 'u', nome: 'Francesca Bianchi', codiceFiscale: 'BNCFNC80A41D612P' };
const creato: AppaltoEvent = {
  type: 'AppaltoCreato',
  data: {
    appaltoId: 'a', regime: 'PCP', scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', stazioneAppaltante: { codiceFiscale: '01386030488', denominazione: 'RT', codiceAusa: '0000246180' },
    centroDiCosto: { codice: 'CDC', denominazione: 'CdC' }, ufficio: 'UFF', rup: persona, creatoDa: persona,
    datiGara: { oggetto: 'x', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' }, creatoIl: IL,
  },
};
const inviato: AppaltoEvent = { type: 'AppaltoInviato', data: { richiestaId: 'r', il: IL } };
const ritirato: AppaltoEvent = { type: 'RitiroRichiesto', data: { motivo: 'non serve', richiestaId: 'w', richiestoDa: persona, il: IL } };
const appalto = (...eventi: AppaltoEvent[]) => fold(appaltoDecider, [creato, inviato, ...eventi]) as AppaltoEsistente;
const pratica = (operazione: Pratica['operazione'] = 'CONFERMA'): Pratica => ({
  appaltoId: 'a', operazione, richiestaId: 'r', passo: 'AVVIO', stato: 'ATTIVA', tentativi: 1, tentativiPasso: 0, interrogazioni: 0, inVolo: false,
  prossimoTentativo: new Date(IL), dati: {}, creataIl: new Date(IL), aggiornataIl: new Date(IL),
});

describe('a withdrawn request is not sent to ANAC if its conferma has not reached ANAC yet', () => {
  it.each(['AVVIO', 'CREA', 'MODIFICA', 'CONFERMA'] as const)('at %s the practice ends RITIRATA and the appalto records it, no call made', (passo) => {
    expect(ritiroPrimaDellInvio(pratica(), appalto(ritirato), passo)).toEqual({ tipo: 'fine', stato: 'RITIRATA', comandi: [{ type: 'RegistraRitiro' }] });
  });

  it.each(['RICONCILIA_CREA', 'ESITO_CONFERMA', 'RECUPERA_CIG'] as const)('at %s the steps go on: ANAC may have it, its esito decides', (passo: Passo) => {
    expect(ritiroPrimaDellInvio(pratica(), appalto(ritirato), passo)).toBeUndefined();
  });

  it('without a withdrawal, or for another operation, nothing changes', () => {
    expect(ritiroPrimaDellInvio(pratica(), appalto(), 'CREA')).toBeUndefined();
    expect(ritiroPrimaDellInvio(pratica('CANCELLAZIONE'), appalto(ritirato), 'CANCELLA')).toBeUndefined();
  });
});
