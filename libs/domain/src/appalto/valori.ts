import type { CentroDiCosto, Persona, StazioneAppaltante } from './types.js';

/**
 * Events are stored forever with their declared shape: the handler may pass directory records
 * with more fields (CdC's `sa`, a user's roles), so only the declared ones are kept.
 */
export const persona = ({ userId, nome, codiceFiscale }: Persona): Persona => ({ userId, nome, codiceFiscale });
export const centroDiCosto = ({ codice, denominazione }: CentroDiCosto): CentroDiCosto => ({ codice, denominazione });
export const stazioneAppaltante = ({ codiceFiscale, denominazione, codiceAusa }: StazioneAppaltante): StazioneAppaltante => ({ codiceFiscale, denominazione, codiceAusa });
