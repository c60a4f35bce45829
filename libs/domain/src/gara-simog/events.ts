import type { DomainEvent } from '../shared/decider.js';
import type { Importo } from '../shared/importo.js';
import type { CentroDiCosto, OggettoPrincipale, Persona, StazioneAppaltante } from '../shared/vocabolario.js';

/** Stream of a SIMOG gara: `gara-simog-<uuid>` (avviso AVCP-SIMOG 2011: "creare la gara e successivamente inserire i lotti"). */
export const garaSimogStream = (garaId: string): string => `gara-simog-${garaId}`;

export interface DatiLottoSimog {
  readonly oggetto: string;
  readonly importo: Importo;
  readonly oggettoPrincipale: OggettoPrincipale;
  /** Principal CPV of the lot, `NNNNNNNN-N`. */
  readonly cpv?: string;
}

export interface LottoSimog extends DatiLottoSimog {
  readonly lotIdentifier: string;
  /** Issued by SIMOG when the lot was created ("il sistema dell'Autorità fornirà un codice CIG per ogni lotto creato"). */
  readonly cig: string;
}

export interface GaraSimogCreataData {
  readonly garaId: string;
  /** "Numero gara" assigned by SIMOG. */
  readonly numeroGara: string;
  readonly oggetto: string;
  readonly importoComplessivo?: Importo;
  readonly stazioneAppaltante: StazioneAppaltante;
  readonly centroDiCosto: CentroDiCosto;
  readonly ufficio: string;
  readonly rup: Persona;
  readonly creatoDa: Persona;
  readonly il: string;
}

export type GaraSimogEvent =
  | DomainEvent<'GaraSimogCreata', GaraSimogCreataData>
  | DomainEvent<'LottoSimogAggiunto', { readonly garaId: string; readonly lotto: LottoSimog; readonly il: string }>
  /** Allowed only once every lot's CIG is cancelled (DESIGN §2). */
  | DomainEvent<'GaraSimogCancellata', { readonly garaId: string; readonly motivo?: string; readonly il: string }>;
