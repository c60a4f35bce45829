/**
 * The limits of SmartCIG carnets (rule CARNET_SMARTCIG of the dated table, 2 May 2011 – 31 December
 * 2023). Nota SMART CIG 2011: "carnet da 50 certificati", "validi 90 giorni dalla data del rilascio",
 * data communicated "non oltre" 30 days after expiry, at most 2 active carnets per RUP and centro di costo.
 */
export const DIMENSIONE_CARNET = 50;
export const GIORNI_VALIDITA_CARNET = 90;
export const GIORNI_RENDICONTAZIONE = 30;
export const MASSIMO_CARNET_ATTIVI = 2;
