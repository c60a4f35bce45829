import { caricaRegoleSchede, descriviIdentita, problemiRegoleAnac, schedaPcp, SchedaNonMappabile, type RegoleAnac } from '#anac';
import type { AppaltoEsistente, Problema, RegoleAnacContesto } from '#domain';
import type { Logger } from '#platform';

/** What the service checks with: ANAC's tables (and which set) or only the hand-written checks. */
export type StatoRegoleAnac =
  | { readonly fonte: 'ANAC'; readonly insieme: string; readonly tabelle: number; readonly regole: number; readonly caricamentoMs: number; readonly caricate: RegoleAnac }
  | { readonly fonte: 'CONTROLLI_LOCALI'; readonly motivo: string };

/** The scheda this appalto would be sent as (the same mapping the ANAC practice uses). */
export function schedaDellAppalto(appalto: AppaltoEsistente) {
  return schedaPcp({
    ...appalto,
    codiceAppalto: appalto.appaltoId,
    terminiInvio: { scadenzaPresentazioneOfferte: appalto.datiGara.scadenzaPresentazioneOfferte, scadenzaPresentazioneInvito: appalto.datiGara.scadenzaPresentazioneInvito },
    urlDocumenti: appalto.datiGara.urlDocumenti,
  });
}

/**
 * Loads ANAC's tables at start from ANAC_REGOLE_DIR and says so in the log; without the folder (or
 * when it cannot be read) the service runs with the hand-written checks and says that instead.
 */
export async function avviaRegoleAnac(dir: string | undefined, logger: Logger): Promise<StatoRegoleAnac> {
  if (!dir) {
    const motivo = 'ANAC_REGOLE_DIR non impostata: solo i controlli scritti a mano';
    logger.warn(motivo);
    return { fonte: 'CONTROLLI_LOCALI', motivo };
  }
  try {
    const caricate = await caricaRegoleSchede(dir);
    const insieme = descriviIdentita(caricate.identita);
    logger.info({ tabelle: caricate.numeroTabelle, regole: caricate.numeroRegole, insieme, caricamentoMs: caricate.caricamentoMs }, `Regole ANAC caricate: ${caricate.numeroTabelle} tabelle, ${caricate.numeroRegole} regole, ${insieme}`);
    return { fonte: 'ANAC', insieme, tabelle: caricate.numeroTabelle, regole: caricate.numeroRegole, caricamentoMs: caricate.caricamentoMs, caricate };
  } catch (error) {
    const motivo = `regole ANAC non leggibili in ANAC_REGOLE_DIR (${(error as Error).message}): solo i controlli scritti a mano`;
    logger.warn(motivo);
    return { fonte: 'CONTROLLI_LOCALI', motivo };
  }
}

/** For the decider's context: ANAC's problems of the scheda this appalto would be sent as. */
export function contestoRegoleAnac(stato: StatoRegoleAnac): RegoleAnacContesto | undefined {
  if (stato.fonte !== 'ANAC') return undefined;
  return {
    insieme: stato.insieme,
    problemi: (appalto: AppaltoEsistente): Problema[] => {
      try {
        return problemiRegoleAnac(stato.caricate, schedaDellAppalto(appalto));
      } catch (error) {
        // What cannot be expressed as a scheda (no lots, P1_16 without eForm) the hand-written checks report.
        if (error instanceof SchedaNonMappabile) return [];
        throw error;
      }
    },
  };
}

/** What /ready shows of it. */
export const descriviStatoRegole = (s: StatoRegoleAnac) =>
  s.fonte === 'ANAC'
    ? { fonte: s.fonte, insieme: s.insieme, tabelle: s.tabelle, regole: s.regole, caricamentoMs: s.caricamentoMs }
    : { fonte: s.fonte, motivo: s.motivo };
