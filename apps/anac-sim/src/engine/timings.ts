import type { TipoOperazioneAsincrona } from '../pcp/tipologiche.js';

/**
 * How long the esito of an asynchronous operation stays WT, measured with the injected clock:
 * the esito turns final once `…Ms` have passed AND the client has polled esito-operazione
 * `…Polls` times while it was WT. At ANAC publication "può richiedere uno o più giorni".
 */
export interface SimTimings {
  readonly confermaMs: number;
  readonly verificaMs: number;
  readonly pubblicaMs: number;
  readonly modificaAvvisoMs: number;
  readonly confermaPolls: number;
  readonly verificaPolls: number;
  readonly pubblicaPolls: number;
  readonly modificaAvvisoPolls: number;
}

export const TIMINGS_PREDEFINITI: SimTimings = {
  confermaMs: 300,
  verificaMs: 300,
  pubblicaMs: 500,
  modificaAvvisoMs: 300,
  confermaPolls: 0,
  verificaPolls: 0,
  pubblicaPolls: 0,
  modificaAvvisoPolls: 0,
};

const CHIAVI: Readonly<Record<TipoOperazioneAsincrona, [keyof SimTimings, keyof SimTimings]>> = {
  AP_CONF: ['confermaMs', 'confermaPolls'],
  AP_VERIF: ['verificaMs', 'verificaPolls'],
  AV_PUBB: ['pubblicaMs', 'pubblicaPolls'],
  AV_MOD: ['modificaAvvisoMs', 'modificaAvvisoPolls'],
};

export function attesaPer(t: SimTimings, tipo: TipoOperazioneAsincrona): { ms: number; polls: number } {
  const [ms, polls] = CHIAVI[tipo];
  return { ms: t[ms], polls: t[polls] };
}

/** Merges a partial update, refusing anything but non-negative integers for known keys. */
export function aggiornaTimings(attuali: SimTimings, modifiche: unknown): SimTimings {
  if (modifiche === null || typeof modifiche !== 'object' || Array.isArray(modifiche)) throw new RangeError('timings: atteso un oggetto');
  const risultato: Record<string, number> = { ...attuali };
  for (const [chiave, valore] of Object.entries(modifiche)) {
    if (!Object.hasOwn(TIMINGS_PREDEFINITI, chiave)) throw new RangeError(`timings: chiave sconosciuta ${chiave}`);
    if (valore === undefined) continue;
    if (typeof valore !== 'number' || !Number.isInteger(valore) || valore < 0) throw new RangeError(`timings.${chiave} deve essere un intero >= 0`);
    risultato[chiave] = valore;
  }
  return risultato as unknown as SimTimings;
}
