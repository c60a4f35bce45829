import { ApiQuery } from '@nestjs/swagger';
import { ETICHETTE, MODALITA, ORDINAMENTI, STATI_LOTTO, STATI_RICHIESTA } from '#read-models';

const DESCRIZIONI: Readonly<Record<string, string>> = {
  codice: "ID Appalto della richiesta (UUID)",
  oggetto: 'contiene, senza distinguere maiuscole e accenti',
  numeroGara: 'N° gara ANAC (id appalto ANAC), uguale',
  cig: 'CIG o SmartCIG, uguale',
  cigUtilizzato: 'si | no',
  statoRichiesta: `uno o più, separati da virgola: ${STATI_RICHIESTA.join(', ')}`,
  stato: 'vecchio nome di statoRichiesta',
  statoLotto: `uno o più, separati da virgola: ${STATI_LOTTO.join(', ')}`,
  rup: 'codice fiscale (uguale) o parte del nome (contiene)',
  modalita: MODALITA.join(' | '),
  dataInvioDa: 'GG/MM/AAAA o AAAA-MM-GG, giorno incluso', dataInvioA: 'giorno incluso',
  scadenzaDa: 'GG/MM/AAAA o AAAA-MM-GG, giorno incluso', scadenzaA: 'giorno incluso',
  valoreDa: 'euro, es. 1234,56', valoreA: 'euro, incluso',
  esitoAnac: "KO: le richieste respinte da ANAC (fino alla conferma riuscita)",
};

/** A decorator per search parameter of the listing (PARAMETRI DI RICERCA), for the OpenAPI description of both the listing and its CSV. */
export const ParametriDiRicerca = () => (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  for (const nome of Object.keys(ETICHETTE)) ApiQuery({ name: nome, required: false, description: `${ETICHETTE[nome]}: ${DESCRIZIONI[nome] ?? ''}` })(target, key, descriptor);
  ApiQuery({ name: 'ordina', required: false, enum: ORDINAMENTI })(target, key, descriptor);
  ApiQuery({ name: 'verso', required: false, enum: ['asc', 'desc'] })(target, key, descriptor);
  ApiQuery({ name: 'attendi', required: false, description: 'posizione restituita da un comando (read-your-writes)' })(target, key, descriptor);
};
