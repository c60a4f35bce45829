import type { Decider, DecisionContext } from '../shared/decider.js';
import { difettoCodiceFiscale, isCodiceFiscaleNumerico, isCodiceFiscalePersona } from '../shared/codice-fiscale.js';
import { conflitto, nonTrovato, nonValido, type Problema } from '../shared/domain-error.js';
import type { AnagraficaEvent, CentroDiCostoRegistrato, StazioneAppaltanteRegistrata, UfficioRegistrato, Utente } from './events.js';

export type AnagraficaCommand =
  | ({ readonly type: 'RegistraStazioneAppaltante' } & StazioneAppaltanteRegistrata)
  | ({ readonly type: 'RegistraCentroDiCosto' } & CentroDiCostoRegistrato)
  | ({ readonly type: 'RegistraUfficio' } & UfficioRegistrato)
  | ({ readonly type: 'RegistraUtente' } & Utente)
  | ({ readonly type: 'AggiornaUtente' } & Pick<Utente, 'userId' | 'ufficio' | 'centriDiCosto' | 'ruoli'>)
  | { readonly type: 'DisattivaUtente'; readonly userId: string };

export interface Anagrafica {
  readonly stazioni: ReadonlyMap<string, StazioneAppaltanteRegistrata>;
  readonly centri: ReadonlyMap<string, CentroDiCostoRegistrato>;
  readonly uffici: ReadonlyMap<string, UfficioRegistrato>;
  readonly utenti: ReadonlyMap<string, Utente & { readonly attivo: boolean }>;
}

const vuota: Anagrafica = { stazioni: new Map(), centri: new Map(), uffici: new Map(), utenti: new Map() };
const con = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V) => new Map(map).set(key, value);

const AUSA = /^\d{10}$/;

/** The one codice fiscale check's reason when the code has the expected form (digits or not), the form's otherwise. */
const motivoCodiceFiscale = (codice: string, forma: string) => {
  const difetto = difettoCodiceFiscale(codice);
  const numerico = /^\d+$/.test(codice);
  return difetto !== undefined && numerico === (forma === 'deve essere di 11 cifre') && !difetto.startsWith('deve') ? `codice fiscale non valido: ${difetto}` : forma;
};

function evolve(s: Anagrafica, e: AnagraficaEvent): Anagrafica {
  switch (e.type) {
    case 'StazioneAppaltanteRegistrata':
      return { ...s, stazioni: con(s.stazioni, e.data.codiceFiscale, e.data) };
    case 'CentroDiCostoRegistrato':
      return { ...s, centri: con(s.centri, e.data.codice, e.data) };
    case 'UfficioRegistrato':
      return { ...s, uffici: con(s.uffici, e.data.codice, e.data) };
    case 'UtenteRegistrato':
      return { ...s, utenti: con(s.utenti, e.data.userId, { ...e.data, attivo: true }) };
    case 'UtenteAggiornato': {
      const utente = s.utenti.get(e.data.userId)!;
      return { ...s, utenti: con(s.utenti, e.data.userId, { ...utente, ...e.data }) };
    }
    case 'UtenteDisattivato': {
      const utente = s.utenti.get(e.data.userId)!;
      return { ...s, utenti: con(s.utenti, e.data.userId, { ...utente, attivo: false }) };
    }
    default: {
      const _: never = e;
      return s;
    }
  }
}

function decide(c: AnagraficaCommand, s: Anagrafica, _ctx: DecisionContext): AnagraficaEvent[] {
  switch (c.type) {
    case 'RegistraStazioneAppaltante': {
      const { type: _t, ...data } = c;
      valida([
        [isCodiceFiscaleNumerico(data.codiceFiscale), 'codiceFiscale', motivoCodiceFiscale(data.codiceFiscale, 'deve essere di 11 cifre')],
        [AUSA.test(data.codiceAusa), 'codiceAusa', "deve essere di 10 cifre (codice dell'Anagrafe Unica delle Stazioni Appaltanti)"],
        [data.denominazione.trim().length > 0, 'denominazione', 'obbligatoria'],
      ]);
      if (s.stazioni.has(data.codiceFiscale)) throw conflitto('SA_GIA_REGISTRATA', `La stazione appaltante ${data.codiceFiscale} è già registrata`);
      return [{ type: 'StazioneAppaltanteRegistrata', data }];
    }
    case 'RegistraCentroDiCosto':
    case 'RegistraUfficio': {
      const { type, ...data } = c;
      valida([[data.codice.trim().length > 0, 'codice', 'obbligatorio'], [data.denominazione.trim().length > 0, 'denominazione', 'obbligatoria']]);
      if (!s.stazioni.has(data.sa)) throw nonTrovato('SA_NON_TROVATA', `Stazione appaltante ${data.sa} non registrata`);
      const esistenti = type === 'RegistraCentroDiCosto' ? s.centri : s.uffici;
      if (esistenti.has(data.codice)) throw conflitto('CODICE_GIA_REGISTRATO', `Il codice ${data.codice} è già registrato`);
      return [type === 'RegistraCentroDiCosto' ? { type: 'CentroDiCostoRegistrato', data } : { type: 'UfficioRegistrato', data }];
    }
    case 'RegistraUtente': {
      const { type: _t, ...data } = c;
      if (s.utenti.has(data.userId)) throw conflitto('UTENTE_GIA_REGISTRATO', `L'utente ${data.userId} è già registrato`);
      if ([...s.utenti.values()].some((u) => u.codiceFiscale === data.codiceFiscale)) {
        throw conflitto('CODICE_FISCALE_GIA_REGISTRATO', `Il codice fiscale ${data.codiceFiscale} è già di un altro utente`);
      }
      if (!s.stazioni.has(data.sa)) throw nonTrovato('SA_NON_TROVATA', `Stazione appaltante ${data.sa} non registrata`);
      validaProfilo(s, data);
      valida([[isCodiceFiscalePersona(data.codiceFiscale), 'codiceFiscale', motivoCodiceFiscale(data.codiceFiscale, 'non è un codice fiscale di persona fisica')], [data.nome.trim().length > 0, 'nome', 'obbligatorio']]);
      return [{ type: 'UtenteRegistrato', data }];
    }
    case 'AggiornaUtente': {
      const { type: _t, ...data } = c;
      const utente = s.utenti.get(data.userId);
      if (!utente) throw nonTrovato('UTENTE_NON_TROVATO', `Utente ${data.userId} non registrato`);
      validaProfilo(s, { ...utente, ...data });
      return [{ type: 'UtenteAggiornato', data }];
    }
    case 'DisattivaUtente': {
      const utente = s.utenti.get(c.userId);
      if (!utente) throw nonTrovato('UTENTE_NON_TROVATO', `Utente ${c.userId} non registrato`);
      return utente.attivo ? [{ type: 'UtenteDisattivato', data: { userId: c.userId } }] : [];
    }
    default: {
      const _: never = c;
      return [];
    }
  }
}

/** Office and cost centres must exist and belong to the user's stazione appaltante. */
function validaProfilo(s: Anagrafica, u: Pick<Utente, 'sa' | 'ufficio' | 'centriDiCosto' | 'ruoli'>): void {
  const ufficio = s.uffici.get(u.ufficio);
  valida([
    [u.ruoli.length > 0, 'ruoli', 'almeno un ruolo'],
    [ufficio?.sa === u.sa, 'ufficio', `ufficio ${u.ufficio} inesistente o di un'altra stazione appaltante`],
    ...u.centriDiCosto.map((cdc): [boolean, string, string] => [s.centri.get(cdc)?.sa === u.sa, 'centriDiCosto', `centro di costo ${cdc} inesistente o di un'altra stazione appaltante`]),
  ]);
}

function valida(checks: ReadonlyArray<readonly [boolean, string, string]>): void {
  const problemi: Problema[] = checks
    .filter(([ok]) => !ok)
    .map(([, campo, messaggio]) => ({ sezione: 'rup e centro di costo', campo, messaggio, codice: 'ANAGRAFICA_NON_VALIDA' }));
  if (problemi.length > 0) throw nonValido('ANAGRAFICA_NON_VALIDA', 'Dati anagrafici non validi', problemi);
}

export const anagraficaDecider: Decider<AnagraficaCommand, AnagraficaEvent, Anagrafica, DecisionContext> = { initialState: vuota, evolve, decide };

/** Manuale START Richiedi CIG: the RUP must be responsabile (e-procurement manager or RUP) in that centro di costo. */
export function responsabileNelCdc(s: Anagrafica, codiceFiscale: string, cdc: string): boolean {
  return [...s.utenti.values()].some(
    (u) => u.attivo && u.codiceFiscale === codiceFiscale && u.centriDiCosto.includes(cdc) && u.ruoli.some((r) => r === 'RESPONSABILE_EPROCUREMENT' || r === 'RUP'),
  );
}
