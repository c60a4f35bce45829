import { Injectable } from '@nestjs/common';
import { nonTrovato, regola, responsabileNelCdc, type Anagrafica, type CentroDiCosto, type Persona, type StazioneAppaltante } from '#domain';
import type { Attore } from '#platform';
import { AnagraficaService } from './anagrafica.service.js';

export interface Titolare {
  readonly stazioneAppaltante: StazioneAppaltante;
  readonly centroDiCosto: CentroDiCosto;
  readonly ufficio: string;
  readonly rup: Persona;
  readonly creatoDa: Persona;
}

/**
 * Who a request belongs to, resolved against the directory (manuale START Richiedi CIG): the caller's SA and
 * office, one of the caller's centri di costo, a RUP who is an active user. The same checks for
 * PCP appalti, SIMOG gare, SmartCIGs and carnets.
 */
@Injectable()
export class Titolari {
  constructor(private readonly anagrafica: AnagraficaService) {}

  async risolvi(attore: Attore, codiceCdc: string, rupCf: string): Promise<Titolare> {
    return titolareDi(await this.anagrafica.stato(), attore, codiceCdc, rupCf);
  }

  /** One of the caller's centri di costo (a change of CdC on an existing request). */
  async centroDiCosto(attore: Attore, codice: string): Promise<CentroDiCosto> {
    return centroDiCostoDi(await this.anagrafica.stato(), attore, codice);
  }

  /** An active user of the platform as RUP (a change of RUP on an existing request). */
  async rup(codiceFiscale: string): Promise<Persona> {
    return rupDi(await this.anagrafica.stato(), codiceFiscale);
  }

  /** Manuale START Richiedi CIG: the RUP must be responsabile in the CdC (directory lookup for the deciders). */
  async responsabileNelCdc(): Promise<(cf: string, cdc: string) => boolean> {
    const a = await this.anagrafica.stato();
    return (cf, cdc) => responsabileNelCdc(a, cf, cdc);
  }
}

/** `Titolari.risolvi` on a directory state the caller already read. */
export function titolareDi(a: Anagrafica, attore: Attore, codiceCdc: string, rupCf: string): Titolare {
  const sa = a.stazioni.get(attore.stazioneAppaltante);
  if (!sa) throw nonTrovato('SA_NON_TROVATA', `La stazione appaltante ${attore.stazioneAppaltante} del tuo profilo non è in anagrafica`);
  return {
    stazioneAppaltante: { codiceFiscale: sa.codiceFiscale, denominazione: sa.denominazione, codiceAusa: sa.codiceAusa },
    centroDiCosto: centroDiCostoDi(a, attore, codiceCdc),
    ufficio: attore.ufficio,
    rup: rupDi(a, rupCf),
    creatoDa: { userId: attore.userId, nome: attore.nome, codiceFiscale: attore.codiceFiscale },
  };
}

export function centroDiCostoDi(a: Anagrafica, attore: Attore, codice: string): CentroDiCosto {
  const cdc = a.centri.get(codice);
  if (!cdc || cdc.sa !== attore.stazioneAppaltante) {
    throw regola('CDC_NON_VALIDO', `Il centro di costo ${codice} non è della tua stazione appaltante`, [
      { sezione: 'rup e centro di costo', campo: 'centroDiCosto', messaggio: "centro di costo inesistente o di un'altra stazione appaltante", codice: 'CDC_NON_VALIDO' },
    ]);
  }
  if (!attore.centriDiCosto.includes(codice)) {
    throw regola('CDC_NON_DELL_UTENTE', `Puoi richiedere CIG solo per i tuoi centri di costo (${attore.centriDiCosto.join(', ') || 'nessuno'})`, [
      { sezione: 'rup e centro di costo', campo: 'centroDiCosto', messaggio: 'non è un tuo centro di costo', codice: 'CDC_NON_DELL_UTENTE' },
    ]);
  }
  return { codice: cdc.codice, denominazione: cdc.denominazione };
}

export function rupDi(a: Anagrafica, codiceFiscale: string): Persona {
  const utente = [...a.utenti.values()].find((u) => u.codiceFiscale === codiceFiscale && u.attivo);
  if (!utente) {
    throw regola('RUP_NON_IN_ANAGRAFICA', `Il RUP ${codiceFiscale} non è un utente attivo della piattaforma`, [
      { sezione: 'rup e centro di costo', campo: 'rup', messaggio: 'RUP non presente in anagrafica', codice: 'RUP_NON_IN_ANAGRAFICA' },
    ]);
  }
  return { userId: utente.userId, nome: utente.nome, codiceFiscale: utente.codiceFiscale };
}
