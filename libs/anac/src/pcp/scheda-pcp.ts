import type { SchedaPcp } from '../gateway/anac-gateway.js';
import { anacFormAd3, anacFormAd5 } from './scheda-affidamenti.js';
import { anacFormP2_16, anacFormP5, ESPD_MINIMO } from './scheda-bandi.js';
import { SchedaNonMappabile, tip, VERSIONE_SCHEDA, type AppaltoPerAnac } from './scheda-comune.js';

/**
 * The PCP `scheda` (`SchedaComunicaAppaltoType`) of an appalto, for crea-appalto, modifica-appalto
 * and modifica-avviso. Supported: AD5, AD3 (direct awards), P2_16 (open, restricted or negotiated
 * procedure below the EU threshold), P5 (traceability only). P1_16 needs an eForm (a TED notice),
 * which CIG Ledger does not produce: refused with {@link SchedaNonMappabile}.
 *
 * Deterministic: the same appalto always gives the same scheda (no clock, no random ids), so a
 * repeated crea-appalto is the same request. Amounts leave the decimal strings only here.
 */
export function schedaPcp(a: AppaltoPerAnac): SchedaPcp {
  if (a.codiceAppalto.length < 8 || a.codiceAppalto.length > 64) {
    throw new SchedaNonMappabile(`codiceAppalto deve avere da 8 a 64 caratteri (${a.codiceAppalto})`);
  }
  if (a.lotti.length === 0) throw new SchedaNonMappabile('un appalto senza lotti non può essere comunicato ad ANAC');
  const scheda = (anacForm: Record<string, unknown>, allegati: { espd?: string } = {}): SchedaPcp => ({
    codice: tip('codiceScheda', a.scheda),
    versione: VERSIONE_SCHEDA,
    body: { anacForm, ...allegati },
  });
  const espd = a.espd ? { espd: a.espd } : {};
  switch (a.scheda) {
    case 'AD5':
      return scheda(anacFormAd5(a), espd);
    case 'AD3':
      return scheda(anacFormAd3(a), espd);
    case 'P2_16':
      return scheda(anacFormP2_16(a), { espd: a.espd ?? ESPD_MINIMO });
    case 'P5':
      // SchedaP5Type has anacForm only (additionalProperties: false): no ESPD.
      return scheda(anacFormP5(a));
    case 'P1_16':
      throw new SchedaNonMappabile('la scheda P1_16 richiede un eForm (avviso TED), che CIG Ledger non produce');
    default: {
      const nessuna: never = a.scheda;
      throw new SchedaNonMappabile(`scheda ${String(nessuna)} non gestita`);
    }
  }
}

export { SchedaNonMappabile, type AppaltoPerAnac } from './scheda-comune.js';
