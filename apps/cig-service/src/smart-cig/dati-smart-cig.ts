import type { DatiSmartCig } from '#domain';

/** The data as recorded: the framework agreement's CIG in capitals. */
export const datiSmartCig = (d: DatiSmartCig): DatiSmartCig => ({ ...d, ...(d.cigAccordoQuadro ? { cigAccordoQuadro: d.cigAccordoQuadro.toUpperCase() } : {}) });
