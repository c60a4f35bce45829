import { regola, type Problema } from '../shared/domain-error.js';
import type { AppaltoContext } from './commands.js';
import type { CentroDiCosto, Persona } from './types.js';

type Directory = Pick<AppaltoContext, 'responsabileNelCdc'>;

/**
 * Manuale START Richiedi CIG: "Il RUP … dovrà avere su START un profilo di responsabile e-Procurement nello stesso
 * centro di costo dell'utente che invia la richiesta di codifica".
 */
export function problemiRup(rup: Persona, centroDiCosto: CentroDiCosto, directory: Directory): Problema[] {
  if (directory.responsabileNelCdc(rup.codiceFiscale, centroDiCosto.codice)) return [];
  return [
    {
      sezione: 'rup e centro di costo',
      campo: 'rup',
      codice: 'RUP_NON_RESPONSABILE_NEL_CDC',
      messaggio: `Il RUP ${rup.nome} (${rup.codiceFiscale}) deve avere un profilo di responsabile e-Procurement nel centro di costo ${centroDiCosto.denominazione} (${centroDiCosto.codice})`,
    },
  ];
}

/** Throws 422 RUP_NON_RESPONSABILE_NEL_CDC when the rule above is not met. */
export function verificaRup(rup: Persona, centroDiCosto: CentroDiCosto, directory: Directory): void {
  const problemi = problemiRup(rup, centroDiCosto, directory);
  if (problemi.length > 0) throw regola('RUP_NON_RESPONSABILE_NEL_CDC', problemi[0].messaggio, problemi);
}
