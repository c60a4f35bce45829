import { giornoItaliano, piuGiorni, regolaVigente, type IdRegola } from '#domain';
import type { RupRegistrato } from '../identity/rup-registry.js';
import { saDelRup } from '../identity/rup-registry.js';
import { ErroreLegacy } from './errori-legacy.js';
import type { TitolareLegacy } from './modello.js';

/** A parsed request: who, for which SA and CdC, and as of which date the rules apply. */
export interface RichiestaLegacy {
  readonly corpo: Record<string, unknown>;
  readonly titolare: TitolareLegacy;
  /** The command's effective instant (the service may run as of a past date). */
  readonly data: Date;
}

export function leggiRichiesta(raw: unknown, registry: readonly RupRegistrato[]): RichiestaLegacy {
  let corpo: Record<string, unknown>;
  try {
    corpo = typeof raw === 'string' ? JSON.parse(raw) : (raw as Record<string, unknown>);
  } catch {
    throw new ErroreLegacy('LEG08', 'il corpo non è JSON');
  }
  if (!corpo || typeof corpo !== 'object') throw new ErroreLegacy('LEG08', 'corpo mancante');
  const rup = (corpo.rup as { codiceFiscale?: unknown } | undefined)?.codiceFiscale;
  const sa = corpo.stazioneAppaltante as { codiceFiscale?: unknown; codiceAusa?: unknown } | undefined;
  const data = new Date(String(corpo.dataRiferimento));
  if (typeof rup !== 'string' || typeof sa?.codiceAusa !== 'string' || typeof corpo.centroDiCosto !== 'string') throw new ErroreLegacy('LEG08', 'rup, stazioneAppaltante e centroDiCosto obbligatori');
  if (Number.isNaN(data.getTime())) throw new ErroreLegacy('LEG08', 'dataRiferimento non valida');
  if (!saDelRup(registry, rup, sa.codiceAusa, typeof sa.codiceFiscale === 'string' ? sa.codiceFiscale : undefined)) throw new ErroreLegacy('LEG12', `${rup} non è RUP per AUSA ${sa.codiceAusa}`);
  return { corpo, titolare: { saCodiceAusa: sa.codiceAusa, centroDiCosto: corpo.centroDiCosto, rupCodiceFiscale: rup }, data };
}

/** Refuses with LEG01 when the Authority's service was not running on the request's date. */
export function richiediVigente(id: IdRegola, data: Date): void {
  if (!regolaVigente(id, data)) throw new ErroreLegacy('LEG01', `${id} il ${giornoItaliano(data)}`);
}

export function testo(corpo: Record<string, unknown>, campo: string, obbligatorio = true): string {
  const v = corpo[campo];
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (obbligatorio) throw new ErroreLegacy('LEG08', `${campo} obbligatorio`);
  return '';
}

export const stessoTitolare = (a: TitolareLegacy, b: TitolareLegacy) => a.saCodiceAusa === b.saCodiceAusa;
export const stessoRupECdc = (a: TitolareLegacy, b: TitolareLegacy) => stessoTitolare(a, b) && a.centroDiCosto === b.centroDiCosto && a.rupCodiceFiscale === b.rupCodiceFiscale;
export { piuGiorni };
