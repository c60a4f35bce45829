import { descriviErrori, leggiEsiti, type AnacCall } from '#anac';
import type { ChiamataAnac, ErroreAnac } from '#domain';

/** Labels of esito-operazione codes shown in the log's "Descrizione" (LOG TRASMISSIONI of the START manual «Richiedi CIG»). */
const TIPO_OPERAZIONE: Readonly<Record<string, string>> = {
  AP_CONF: 'Conferma appalto',
  AP_VERIF: 'Verifica appalto',
  AV_PUBB: 'Pubblicazione avviso',
  AV_MOD: 'Modifica avviso',
};
const DETTAGLIO: Readonly<Record<string, string>> = {
  AP_CONF: 'Appalto confermato',
  AP_IN_CONF: 'Conferma in corso',
  AP_N_CONF: 'Appalto non confermato',
  AV_PUBB: 'Avviso pubblicato',
  AV_IN_PUBB: 'Avviso in pubblicazione',
  AV_RICHIESTA_PUBB_IN_CORSO: 'Richiesta di pubblicazione in corso',
  AV_N_PUBB: 'Avviso non pubblicato',
  AV_MOD: 'Avviso modificato',
  AV_RICHIESTA_MOD_IN_CORSO: 'Richiesta di modifica in corso',
};

/** One HTTP exchange as the transmission log shows it. */
export function chiamataAnac(contesto: string, call: AnacCall): ChiamataAnac {
  const errori = descriviErrori(call.errori);
  return {
    operazione: call.operazione,
    contesto,
    requestId: call.requestId,
    inizio: call.startedAt,
    durataMs: Math.round(call.durationMs),
    ...paginaDi(call.path),
    ...(call.httpStatus === undefined ? {} : { httpStatus: call.httpStatus }),
    esito: call.outcome,
    descrizione: descrizione(call, errori),
    errori,
    richiesta: call.requestBody,
    risposta: call.responseBody,
    ...(call.govWayMessageId ? { messageId: call.govWayMessageId } : {}),
    ...(call.govWayTransactionId ? { transactionId: call.govWayTransactionId } : {}),
  };
}

/** `page=N` of a list operation's query string, when N > 1. */
function paginaDi(path: string): { pagina?: number } {
  const pagina = Number(/[?&]page=(\d+)/.exec(path)?.[1] ?? 1);
  return pagina > 1 ? { pagina } : {};
}

function descrizione(call: AnacCall, errori: ReturnType<typeof descriviErrori>): string {
  switch (call.outcome) {
    case 'OK':
      return call.operazione === 'esito-operazione' ? descriviEsiti(call.responseBody) : 'Richiesta elaborata con successo';
    case 'KO':
      return errori.length > 0 ? elencoErrori(errori) : `ANAC ha risposto HTTP ${call.httpStatus ?? '?'}`;
    case 'ESITO_INCERTO':
      return `Risposta non ricevuta (${call.networkError ?? `HTTP ${call.httpStatus}`}): l'operazione potrebbe essere stata eseguita, verrà verificata`;
    default:
      return `ANAC non raggiungibile (${call.networkError ?? `HTTP ${call.httpStatus}`}): nuovo tentativo automatico`;
  }
}

/**
 * "Tipo Operazione: Conferma appalto; Esito Operazione: Appalto confermato;" as in the LOG
 * TRASMISSIONI of the START manual «Richiedi CIG» (docs/fonti.md); on KO, ANAC's errors follow.
 */
function descriviEsiti(body: unknown): string {
  const letti = leggiEsiti(body);
  const e = letti.ok ? letti.value[0] : undefined;
  if (!e) return 'Nessun esito ancora disponibile';
  const tipo = e.tipoOperazione || '?';
  const testo = `Tipo Operazione: ${TIPO_OPERAZIONE[tipo] ?? tipo}; Esito Operazione: ${DETTAGLIO[e.dettaglio] ?? e.dettaglio};`;
  return e.errori.length > 0 ? `${testo} Errori: ${elencoErrori(e.errori)}` : testo;
}

const elencoErrori = (errori: readonly ErroreAnac[]) =>
  errori.map((e) => `${e.codice}: ${e.descrizione}${e.dettaglio ? ` (${e.dettaglio})` : ''}`).join('; ');
