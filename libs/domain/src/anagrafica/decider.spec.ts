import { spec } from '../shared/testing/given-when-then.js';
import { anagraficaDecider, responsabileNelCdc, type Anagrafica, type AnagraficaCommand } from './decider.js';
import type { AnagraficaEvent, Utente } from './events.js';

const contesto = { now: new Date('2025-03-01T09:00:00.000Z'), newId: () => '00000000-0000-4000-8000-000000000001' };
const a = () => spec(anagraficaDecider, contesto);

const SA = { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000246180' };
const ALTRA_SA = { codiceFiscale: '80012000826', denominazione: 'Regione Siciliana', codiceAusa: '0000155420' };
const CDC = { codice: 'CDC-TOSCANA-CONTRATTI', denominazione: 'Settore Contratti', sa: SA.codiceFiscale };
const CDC_ALTRA = { codice: 'CDC-SICILIA', denominazione: 'Settore Gare', sa: ALTRA_SA.codiceFiscale };
const UFFICIO = { codice: 'UFF-TOSCANA-GARE', denominazione: 'Ufficio Gare', sa: SA.codiceFiscale };
const MARCO: Utente = {
  userId: 'marco.giovannetti', nome: 'Marco Giovannetti', codiceFiscale: 'GVNMRC70A01D612Q', sa: SA.codiceFiscale,
  ufficio: UFFICIO.codice, centriDiCosto: [CDC.codice], ruoli: ['RUP'],
};

const struttura: AnagraficaEvent[] = [
  { type: 'StazioneAppaltanteRegistrata', data: SA },
  { type: 'StazioneAppaltanteRegistrata', data: ALTRA_SA },
  { type: 'CentroDiCostoRegistrato', data: CDC },
  { type: 'CentroDiCostoRegistrato', data: CDC_ALTRA },
  { type: 'UfficioRegistrato', data: UFFICIO },
];
const conMarco: AnagraficaEvent[] = [...struttura, { type: 'UtenteRegistrato', data: MARCO }];
const registra = (u: Partial<Utente> = {}): AnagraficaCommand => ({ type: 'RegistraUtente', ...MARCO, ...u });
const stato = (eventi: readonly AnagraficaEvent[]): Anagrafica => eventi.reduce(anagraficaDecider.evolve, anagraficaDecider.initialState);

describe('The directory (anagrafica): stazioni appaltanti, centri di costo, uffici, users', () => {
  it('registers a stazione appaltante once, with an 11-digit codice fiscale and a 10-digit AUSA code', () => {
    a().given([]).when({ type: 'RegistraStazioneAppaltante', ...SA }).then([{ type: 'StazioneAppaltanteRegistrata', data: SA }]);
    a().given(struttura).when({ type: 'RegistraStazioneAppaltante', ...SA }).thenThrows('SA_GIA_REGISTRATA', 'conflict');
    const e = a().given([]).when({ type: 'RegistraStazioneAppaltante', ...SA, codiceAusa: '123' }).thenThrows('ANAGRAFICA_NON_VALIDA', 'invalid');
    expect(e.errors).toEqual([expect.objectContaining({ campo: 'codiceAusa' })]);
  });

  it('refuses a partita IVA with a wrong check digit, naming the one check of the codice fiscale', () => {
    const e = a().given([]).when({ type: 'RegistraStazioneAppaltante', ...SA, codiceFiscale: '01386030489' }).thenThrows('ANAGRAFICA_NON_VALIDA', 'invalid');
    expect(e.errors).toEqual([expect.objectContaining({ campo: 'codiceFiscale', messaggio: expect.stringContaining('codice fiscale non valido') })]);
  });

  it('a centro di costo or an ufficio needs its stazione appaltante, and a code not taken', () => {
    a().given(struttura.slice(0, 1)).when({ type: 'RegistraCentroDiCosto', ...CDC }).then([{ type: 'CentroDiCostoRegistrato', data: CDC }]);
    a().given([]).when({ type: 'RegistraUfficio', ...UFFICIO }).thenThrows('SA_NON_TROVATA', 'not_found');
    a().given(struttura).when({ type: 'RegistraUfficio', ...UFFICIO }).thenThrows('CODICE_GIA_REGISTRATO', 'conflict');
    const e = a().given(struttura).when({ type: 'RegistraCentroDiCosto', ...CDC, codice: ' ', denominazione: '' }).thenThrows('ANAGRAFICA_NON_VALIDA');
    expect(e.errors?.map((p) => [p.campo, p.messaggio])).toEqual([['codice', 'obbligatorio'], ['denominazione', 'obbligatoria']]);
  });

  it('registers a user whose office and cost centres belong to their stazione appaltante', () => {
    a().given(struttura).when(registra()).then([{ type: 'UtenteRegistrato', data: MARCO }]);
    const e = a().given(struttura).when(registra({ centriDiCosto: [CDC.codice, CDC_ALTRA.codice] })).thenThrows('ANAGRAFICA_NON_VALIDA');
    expect(e.errors).toEqual([expect.objectContaining({ campo: 'centriDiCosto', messaggio: expect.stringContaining(CDC_ALTRA.codice) })]);
    expect(a().given(struttura).when(registra({ ruoli: [] })).thenThrows('ANAGRAFICA_NON_VALIDA').errors).toEqual([expect.objectContaining({ campo: 'ruoli' })]);
  });

  it('a user id or a codice fiscale is taken once; a person needs a personal codice fiscale', () => {
    a().given(conMarco).when(registra()).thenThrows('UTENTE_GIA_REGISTRATO', 'conflict');
    a().given(conMarco).when(registra({ userId: 'altro' })).thenThrows('CODICE_FISCALE_GIA_REGISTRATO', 'conflict');
    const e = a().given(struttura).when(registra({ codiceFiscale: SA.codiceFiscale })).thenThrows('ANAGRAFICA_NON_VALIDA');
    expect(e.errors).toEqual([expect.objectContaining({ campo: 'codiceFiscale' })]);
  });

  it('updates a user within the same rules, and deactivates once (a second time records nothing)', () => {
    const aggiorna = { type: 'AggiornaUtente', userId: MARCO.userId, ufficio: UFFICIO.codice, centriDiCosto: [], ruoli: ['BUYER'] } as const;
    a().given(conMarco).when(aggiorna).then([{ type: 'UtenteAggiornato', data: { userId: MARCO.userId, ufficio: UFFICIO.codice, centriDiCosto: [], ruoli: ['BUYER'] } }]);
    a().given(struttura).when(aggiorna).thenThrows('UTENTE_NON_TROVATO', 'not_found');
    a().given(conMarco).when({ ...aggiorna, centriDiCosto: [CDC_ALTRA.codice] }).thenThrows('ANAGRAFICA_NON_VALIDA');
    a().given(conMarco).when({ type: 'DisattivaUtente', userId: MARCO.userId }).then([{ type: 'UtenteDisattivato', data: { userId: MARCO.userId } }]);
    a().given([...conMarco, { type: 'UtenteDisattivato', data: { userId: MARCO.userId } }]).when({ type: 'DisattivaUtente', userId: MARCO.userId }).then([]);
  });

  it('responsabileNelCdc: an active RUP or e-procurement manager of that centro di costo (manuale START Richiedi CIG)', () => {
    expect(responsabileNelCdc(stato(conMarco), MARCO.codiceFiscale, CDC.codice)).toBe(true);
    expect(responsabileNelCdc(stato(conMarco), MARCO.codiceFiscale, CDC_ALTRA.codice)).toBe(false);
    expect(responsabileNelCdc(stato([...conMarco, { type: 'UtenteDisattivato', data: { userId: MARCO.userId } }]), MARCO.codiceFiscale, CDC.codice)).toBe(false);
    const buyer: AnagraficaEvent = { type: 'UtenteAggiornato', data: { userId: MARCO.userId, ufficio: UFFICIO.codice, centriDiCosto: [CDC.codice], ruoli: ['BUYER'] } };
    expect(responsabileNelCdc(stato([...conMarco, buyer]), MARCO.codiceFiscale, CDC.codice)).toBe(false);
  });
});
