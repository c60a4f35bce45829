import { FORMATO_IMPORTO } from '#domain';
import { italiano } from '#platform';

/** Fields and messages shared by the DTOs of the appalti, SIMOG, SmartCIG and carnets. */
export const OGGETTI = ['LAVORI', 'SERVIZI', 'FORNITURE'] as const;
/** Amounts in euro: a decimal string ("4999.99") or a JSON number (see comeImporto) with at most two decimals. */
export const IMPORTO = FORMATO_IMPORTO;
export const comeImporto = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value);
export const MSG_IMPORTO = italiano('importo in euro non valido: un numero non negativo con al massimo due decimali (es. 4999.99)');
export const uno = (valori: readonly string[]) => italiano(`valore non ammesso: ${valori.join(', ')}`);
export const CF = /^[A-Z0-9]{16}$/;
