import { italiano } from '#platform';

/** Fields and messages shared by the DTOs of SIMOG, SmartCIG and carnets. */
export const OGGETTI = ['LAVORI', 'SERVIZI', 'FORNITURE'] as const;
export const IMPORTO = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;
export const comeImporto = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value);
export const MSG_IMPORTO = italiano('importo in euro non valido: un numero non negativo con al massimo due decimali (es. 4999.99)');
export const uno = (valori: readonly string[]) => italiano(`valore non ammesso: ${valori.join(', ')}`);
export const CF = /^[A-Z0-9]{16}$/;
