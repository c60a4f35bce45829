import type { RegoleAnac } from '#anac';
import type { Clock, IdGenerator } from '#platform';
import type { FaultPlan } from '../faults/fault-plan.js';
import type { Chiamante } from '../identity/identity-check.js';
import { PcpError, type ErroreTipologica } from '../pcp/errori.js';
import { DETTAGLI, type TipoOperazioneAsincrona } from '../pcp/tipologiche.js';
import { validaScheda, type SchedaLetta } from '../scheda/valida-scheda.js';
import type { AppaltoRecord, EsitoRecord, OperazioneInCorso, SchedaRecord } from '../state/model.js';
import type { SimStore } from '../state/sim-store.js';
import { attesaPer, type SimTimings } from './timings.js';

/** Everything an operation needs: state, time, ids, faults and the configured waits. */
export interface Contesto {
  readonly store: SimStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly faults: FaultPlan;
  timings: SimTimings;
  /** ANAC's DMN tables, when the simulator was given them (SIM_REGOLE_DIR): verifica and conferma evaluate them. */
  readonly regoleAnac?: RegoleAnac;
}

/** The parsed request an operation receives; the body is parsed only by operations that have one. */
export interface Richiesta {
  body(): unknown;
  readonly query: Readonly<Record<string, unknown>>;
}

export const adesso = (c: Contesto): string => c.clock.now().toISOString();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A required uuid (body field or query parameter): missing → `mancante`, malformed → AUT05. */
export function uuid(v: unknown, mancante: 'ERR26' | 'ERR28', nome: string): string {
  if (v === undefined || v === null || v === '') throw PcpError.di(mancante);
  if (typeof v !== 'string' || !UUID.test(v)) throw PcpError.di('AUT05', `${nome}: ${String(v)}`);
  return v.toLowerCase();
}

export function uuidFacoltativo(v: unknown, nome: string): string | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !UUID.test(v)) throw PcpError.di('AUT05', `${nome}: ${String(v)}`);
  return v.toLowerCase();
}

/**
 * A request body as an object with only the given fields (the request schemas are
 * `additionalProperties: false`); anything else is refused like a failed JSON conversion.
 */
export function corpo(r: Richiesta, campi: readonly string[]): Record<string, unknown> {
  const body = r.body();
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw PcpError.di('SEC03', 'il corpo della richiesta deve essere un oggetto JSON');
  const estranei = Object.keys(body).filter((k) => !campi.includes(k));
  if (estranei.length) throw PcpError.di('SEC03', `campi non previsti: ${estranei.join(', ')}`);
  return body as Record<string, unknown>;
}

/** The appalto, provided it belongs to the caller's stazione appaltante. */
export function appaltoDelChiamante(c: Contesto, idAppalto: string, chiamante: Chiamante, nonTrovato: 'ERR19' | 'AUT02' = 'ERR19'): AppaltoRecord {
  const appalto = c.store.appalto(idAppalto);
  if (!appalto) throw PcpError.di(nonTrovato);
  verificaProprietario(appalto, chiamante);
  return appalto;
}

export function verificaProprietario(appalto: AppaltoRecord, chiamante: Chiamante): void {
  if (appalto.saCodiceAusa !== chiamante.sa.codiceAusa) {
    throw PcpError.di('ERR1', "l'appalto appartiene a un'altra stazione appaltante");
  }
}

/** ERR18 / ERR17 while a conferma / verifica of the appalto is still running. */
export function rifiutaSeInCorso(appalto: AppaltoRecord): void {
  if (appalto.inCorso.some((o) => o.tipoOperazione === 'AP_CONF')) throw PcpError.di('ERR18');
  if (appalto.inCorso.some((o) => o.tipoOperazione === 'AP_VERIF')) throw PcpError.di('ERR17');
}

export function richiediStato(appalto: AppaltoRecord, ...ammessi: ReadonlyArray<AppaltoRecord['stato']>): void {
  if (!ammessi.includes(appalto.stato)) throw PcpError.di('ERR16', `stato dell'appalto ${appalto.stato}`);
}

/** Appends an esito and returns its index. Appalto esiti carry the current scheda. */
export function aggiungiEsito(c: Contesto, appalto: AppaltoRecord, esito: Omit<EsitoRecord, 'creatoIl' | 'dataControllo'>): number {
  const ora = adesso(c);
  appalto.esiti.push({ idScheda: appalto.scheda.idScheda, codiceScheda: appalto.scheda.codice, ...esito, creatoIl: ora, dataControllo: ora });
  return appalto.esiti.length - 1;
}

/** Acknowledges an asynchronous operation: a WT esito now, its outcome when the wait is over. */
export function avviaOperazione(
  c: Contesto,
  appalto: AppaltoRecord,
  tipo: TipoOperazioneAsincrona,
  dettagli: { errori: ErroreTipologica[]; idAvviso?: string; nuovaScheda?: OperazioneInCorso['nuovaScheda'] },
): void {
  const attesa = attesaPer(c.timings, tipo);
  const extra = c.faults.extraWait(tipo);
  const esito = aggiungiEsito(c, appalto, {
    tipoOperazione: tipo, esito: 'WT', dettaglio: DETTAGLI[tipo].WT,
    ...(dettagli.idAvviso ? { idAvviso: dettagli.idAvviso } : {}),
  });
  appalto.inCorso.push({
    tipoOperazione: tipo, esito, avviataIlMs: c.clock.now().getTime(),
    attesaMs: attesa.ms + extra.ms, pollsRichiesti: attesa.polls + extra.polls, pollsVisti: 0,
    errori: dettagli.errori,
    ...(dettagli.idAvviso ? { idAvviso: dettagli.idAvviso } : {}),
    ...(dettagli.nuovaScheda ? { nuovaScheda: dettagli.nuovaScheda } : {}),
  });
}

/** Re-reads a stored scheda (it was valid when received) for the rules and the lots. */
export function rileggiScheda(appalto: AppaltoRecord, scheda: Pick<SchedaRecord, 'codice' | 'versione' | 'body'>): SchedaLetta {
  return validaScheda(
    { codice: { idTipologica: 'codiceScheda', codice: scheda.codice }, versione: scheda.versione, body: scheda.body },
    { codiceFiscale: appalto.saCodiceFiscale, codiceAusa: appalto.saCodiceAusa },
  );
}

export const lottiDaScheda = (letta: SchedaLetta) =>
  letta.lotti.map((l) => ({
    lotIdentifier: l.lotIdentifier, oggetto: l.oggetto, importo: l.importo,
    ...(l.oggettoContratto ? { oggettoContratto: l.oggettoContratto } : {}),
  }));
