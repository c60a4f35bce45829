import { Injectable } from '@nestjs/common';
import { nonTrovato, regola, responsabileNelCdc, type CentroDiCosto, type Persona, type StazioneAppaltante } from '#domain';
import type { Attore } from '#platform';
import { AnagraficaService } from '../anagrafica/anagrafica.service.js';

export interface Titolare {
  readonly stazioneAppaltante: StazioneAppaltante;
  readonly centroDiCosto: CentroDiCosto;
  readonly ufficio: string;
  readonly rup: Persona;
  readonly creatoDa: Persona;
}

/**
 * Who a SIMOG gara, a SmartCIG or a carnet belongs to, resolved against the directory: the
 * caller's SA and office, one of the caller's centri di costo, a RUP who is an active user
 * (seed 002; the same checks as the PCP requests).
 */
@Injectable()
export class Titolari {
  constructor(private readonly anagrafica: AnagraficaService) {}

  async risolvi(attore: Attore, codiceCdc: string, rupCf: string): Promise<Titolare> {
    const a = await this.anagrafica.stato();
    const sa = a.stazioni.get(attore.stazioneAppaltante);
    if (!sa) throw nonTrovato('SA_NON_TROVATA', `La stazione appaltante ${attore.stazioneAppaltante} del tuo profilo non è in anagrafica`);
    const cdc = a.centri.get(codiceCdc);
    if (!cdc || cdc.sa !== attore.stazioneAppaltante) {
      throw regola('CDC_NON_VALIDO', `Il centro di costo ${codiceCdc} non è della tua stazione appaltante`, [
        { sezione: 'rup e centro di costo', campo: 'centroDiCosto', messaggio: "centro di costo inesistente o di un'altra stazione appaltante", codice: 'CDC_NON_VALIDO' },
      ]);
    }
    if (!attore.centriDiCosto.includes(codiceCdc)) {
      throw regola('CDC_NON_DELL_UTENTE', `Puoi richiedere CIG solo per i tuoi centri di costo (${attore.centriDiCosto.join(', ') || 'nessuno'})`, [
        { sezione: 'rup e centro di costo', campo: 'centroDiCosto', messaggio: 'non è un tuo centro di costo', codice: 'CDC_NON_DELL_UTENTE' },
      ]);
    }
    const utente = [...a.utenti.values()].find((u) => u.codiceFiscale === rupCf && u.attivo);
    if (!utente) {
      throw regola('RUP_NON_IN_ANAGRAFICA', `Il RUP ${rupCf} non è un utente attivo della piattaforma`, [
        { sezione: 'rup e centro di costo', campo: 'rup', messaggio: 'RUP non presente in anagrafica', codice: 'RUP_NON_IN_ANAGRAFICA' },
      ]);
    }
    return {
      stazioneAppaltante: { codiceFiscale: sa.codiceFiscale, denominazione: sa.denominazione, codiceAusa: sa.codiceAusa },
      centroDiCosto: { codice: cdc.codice, denominazione: cdc.denominazione },
      ufficio: attore.ufficio,
      rup: { userId: utente.userId, nome: utente.nome, codiceFiscale: utente.codiceFiscale },
      creatoDa: { userId: attore.userId, nome: attore.nome, codiceFiscale: attore.codiceFiscale },
    };
  }

  /** Seed 002: the RUP must be responsabile in the CdC (directory lookup for the deciders). */
  async responsabileNelCdc(): Promise<(cf: string, cdc: string) => boolean> {
    const a = await this.anagrafica.stato();
    return (cf, cdc) => responsabileNelCdc(a, cf, cdc);
  }
}
