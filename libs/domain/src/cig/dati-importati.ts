import type { Importo } from '../shared/importo.js';

/**
 * One row of ANAC's open data dataset `cig` (semicolon separated, header row), with the values
 * already checked and normalised (dates as ISO instants, amounts as `Importo`). Names follow
 * the dataset's columns. `origine` says where the row came from (file and line).
 */
export interface DatiImportati {
  readonly numeroGara?: string;
  readonly oggettoGara?: string;
  readonly importoComplessivoGara?: Importo;
  readonly nLottiComponenti?: number;
  readonly oggettoLotto?: string;
  readonly importoLotto?: Importo;
  readonly oggettoPrincipaleContratto?: string;
  readonly stato?: string;
  readonly settore?: string;
  readonly luogoIstat?: string;
  readonly provincia?: string;
  readonly dataPubblicazione?: string;
  readonly dataScadenzaOfferta?: string;
  readonly codTipoSceltaContraente?: string;
  readonly tipoSceltaContraente?: string;
  readonly codiceAusa?: string;
  readonly cfAmministrazioneAppaltante?: string;
  readonly denominazioneAmministrazioneAppaltante?: string;
  readonly idCentroCosto?: string;
  readonly denominazioneCentroCosto?: string;
  readonly codCpv?: string;
  readonly descrizioneCpv?: string;
  readonly cigAccordoQuadro?: string;
  readonly codMotivoCancellazione?: string;
  readonly dataCancellazione?: string;
  readonly dataUltimoPerfezionamento?: string;
  readonly flagUrgenza?: string;
  readonly importoSicurezza?: Importo;
  readonly codEsito?: string;
  readonly esito?: string;
  /** Office of the platform the imported CIGs are shown to (the dataset has none). */
  readonly ufficio: string;
  readonly origine: { readonly file: string; readonly riga: number };
}
