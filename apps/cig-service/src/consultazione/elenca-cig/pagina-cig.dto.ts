import { ApiProperty } from '@nestjs/swagger';
import { FORMATO_DUE_DECIMALI } from '#domain';
import { MODALITA, ORDINAMENTI, STATI_LOTTO, STATI_RICHIESTA } from '#read-models';
import { DATA_ORA, PaginazioneDto, TESTO_O_NULL } from '../../http/risposte-condivise.dto.js';

const DATA_ORA_O_NULL = { ...DATA_ORA, nullable: true } as const;
const IMPORTO = { type: String, pattern: FORMATO_DUE_DECIMALI.source, description: 'Importo in euro con due decimali (testo: nessun arrotondamento)' } as const;

/** A row of the START listing (manuale START Richiedi CIG §2.4): one lot or code, with the columns of the page. */
export class RigaListingDto {
  @ApiProperty({ format: 'uuid', description: 'Appalto (PCP), gara (SIMOG), SmartCIG o carnet di appartenenza' }) idAppalto!: string;
  @ApiProperty({ example: 'LOT-0001', description: 'Lotto; per i codici di un carnet, il codice stesso' }) lotIdentifier!: string;
  @ApiProperty({ ...TESTO_O_NULL, example: 'A01B2C3D4E', description: 'null finché ANAC non lo assegna' }) cig!: string | null;
  @ApiProperty({ enum: MODALITA, enumName: 'ModalitaCig' }) modalita!: (typeof MODALITA)[number];
  @ApiProperty({ enum: ['PCP', 'SIMOG', 'SMARTCIG'], enumName: 'Regime' }) regime!: 'PCP' | 'SIMOG' | 'SMARTCIG';
  @ApiProperty({ example: 'Fornitura di materiale di cancelleria' }) oggettoProcedura!: string;
  @ApiProperty() oggettoLotto!: string;
  @ApiProperty({ description: 'Denominazione della stazione appaltante' }) stazioneAppaltante!: string;
  @ApiProperty({ example: '80012345678' }) codiceFiscaleSa!: string;
  @ApiProperty({ description: 'Denominazione del centro di costo' }) centroDiCosto!: string;
  @ApiProperty() codiceCentroDiCosto!: string;
  @ApiProperty() ufficio!: string;
  @ApiProperty({ ...TESTO_O_NULL, description: 'Id dell’appalto presso ANAC (PCP)' }) idAppaltoAnac!: string | null;
  @ApiProperty({ ...TESTO_O_NULL, description: 'Procedura della piattaforma a cui la richiesta è collegata' }) idProcedura!: string | null;
  @ApiProperty({ example: 'CONF', description: 'Stato dell’appalto (PCP: BOZZA, IN_LAV, CONF, IN_ATT_PUBB, PUBB, CANC, IN_STOP_PUBB)' }) statoAppalto!: string;
  @ApiProperty({ enum: STATI_RICHIESTA, enumName: 'StatoRichiesta' }) statoRichiesta!: (typeof STATI_RICHIESTA)[number];
  @ApiProperty({ enum: STATI_LOTTO, enumName: 'StatoLotto' }) statoLotto!: (typeof STATI_LOTTO)[number];
  @ApiProperty({ example: 'AFFIDAMENTO_DIRETTO' }) tipologiaProcedura!: string;
  @ApiProperty({ ...IMPORTO, nullable: true }) importoComplessivo!: string | null;
  @ApiProperty({ ...IMPORTO, example: '1250.00', description: 'Valore del lotto in euro' }) valore!: string;
  @ApiProperty({ description: 'Nome del RUP' }) rup!: string;
  @ApiProperty() rupCodiceFiscale!: string;
  @ApiProperty({ description: 'userId di chi ha creato la richiesta' }) creatoDa!: string;
  @ApiProperty(DATA_ORA) dataCreazione!: string;
  @ApiProperty(DATA_ORA_O_NULL) dataInvioRichiesta!: string | null;
  @ApiProperty(DATA_ORA) dataUltimaModifica!: string;
  @ApiProperty(DATA_ORA_O_NULL) dataUltimaTrasmissione!: string | null;
  @ApiProperty() cigUtilizzato!: boolean;
  @ApiProperty({ ...TESTO_O_NULL, description: 'Procedura o contratto in cui il CIG è utilizzato' }) cigUtilizzatoIn!: string | null;
  @ApiProperty() cigDisponibile!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dataScadenzaCig!: string | null;
  @ApiProperty({ ...TESTO_O_NULL, example: 'KO', description: 'KO: ANAC ha respinto la richiesta (fino a una conferma riuscita)' }) esitoAnac!: string | null;
  @ApiProperty({ ...TESTO_O_NULL, description: 'Gli errori di ANAC, in una riga' }) erroriAnac!: string | null;
  @ApiProperty(DATA_ORA_O_NULL) ritiroRichiestoIl!: string | null;
}

/** A filter of the search, as "criteri di ricerca selezionati" shows it. */
export class CriterioSelezionatoDto {
  @ApiProperty({ example: 'statoRichiesta' }) parametro!: string;
  @ApiProperty({ example: 'Stato della Richiesta' }) etichetta!: string;
  @ApiProperty({ example: 'Perfezionata' }) valore!: string;
}

export class OrdinamentoDto {
  @ApiProperty({ enum: ORDINAMENTI, enumName: 'CampoOrdinamento' }) campo!: (typeof ORDINAMENTI)[number];
  @ApiProperty({ enum: ['asc', 'desc'] }) verso!: 'asc' | 'desc';
}

/** GET /cig: a page of the listing, the criteria that selected it, its order and total. */
export class PaginaCigDto {
  @ApiProperty({ type: [CriterioSelezionatoDto] }) criteri!: CriterioSelezionatoDto[];
  @ApiProperty({ type: OrdinamentoDto }) ordinamento!: OrdinamentoDto;
  @ApiProperty({ type: Number, format: 'int32', minimum: 0 }) totale!: number;
  @ApiProperty({ description: 'Falso quando il conteggio si è fermato al limite: le righe sono almeno `totale`' }) totaleEsatto!: boolean;
  @ApiProperty({ type: [RigaListingDto] }) risultati!: RigaListingDto[];
  @ApiProperty({ type: PaginazioneDto }) pagina!: PaginazioneDto;
}
