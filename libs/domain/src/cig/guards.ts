import { nonTrovato, regola } from '../shared/domain-error.js';
import type { CigCommand, CigContext } from './commands.js';
import type { CigEsistente, CigState } from './state.js';

export type Comando<T extends CigCommand['type']> = Extract<CigCommand, { type: T }>;

export const ora = (context: CigContext): string => context.now.toISOString();

export function esistente(state: CigState): CigEsistente {
  if (!state.esiste) throw nonTrovato('CIG_NON_TROVATO', 'CIG non trovato');
  return state;
}

export function valido(codice: string, context: CigContext): void {
  if (!context.cigValido(codice)) throw regola('CIG_NON_VALIDO', `Il codice ${codice} non è un CIG valido (algoritmo ANAC)`);
}
