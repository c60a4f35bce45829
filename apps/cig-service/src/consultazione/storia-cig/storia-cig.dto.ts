import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FORMATO_DUE_DECIMALI, type AppaltoEventType, type CarnetEvent, type CigEventType } from '#domain';
import { ProvaInclusioneDto, TESTO_O_NULL } from '../../http/risposte-condivise.dto.js';

/** Every kind of event a CIG's history shows: its own, its appalto's (for its lot), its carnet's. */
export const TIPI_EVENTO_STORIA = [
  'CigAssegnato', 'CigPerfezionato', 'CigUtilizzato', 'CigSostituito', 'CigCancellato', 'AnnullamentoRichiesto', 'CigAnnullato',
  'AnnullamentoRespinto', 'CigScaduto', 'CigComunicato', 'CigImportato',
  'AppaltoCreato', 'AppaltoCopiato', 'AppaltoModificato', 'LottoAggiunto', 'LottoModificato', 'LottoRimosso', 'ClassificazioneImpostata',
  'ProceduraCollegata', 'AppaltoVerificato', 'VerificaAnacRichiesta', 'VerificaAnacEseguita', 'AppaltoInviato', 'CigRichiesto',
  'AppaltoRegistratoAnac', 'AppaltoConfermato', 'AppaltoRespinto', 'PubblicazioneRichiesta', 'AppaltoInAttesaPubblicazione',
  'AppaltoPubblicato', 'ModificaAvvisoRichiesta', 'AvvisoModificato', 'CancellazioneRichiesta', 'AppaltoCancellato', 'RitiroRichiesto',
  'AppaltoEliminatoDaAnac',
  'CarnetRichiesto', 'CarnetRilasciato', 'CigDelCarnetComunicato', 'CigDelCarnetAnnullato', 'CarnetScaduto', 'RendicontazioneScaduta',
] as const;
type TipoEventoStoria = (typeof TIPI_EVENTO_STORIA)[number];
/** Fails to compile when an aggregate gains an event the list (and so the contract) does not name. */
const _tuttiITipi: Exclude<CigEventType | AppaltoEventType | CarnetEvent['type'], TipoEventoStoria> extends never ? true : never = true;
void _tuttiITipi;


/**
 * The data of an event as it was recorded: each kind has its own fields (libs/domain, events.ts of
 * its aggregate); these are the ones most kinds share with one meaning (`cig` is a code in the CIG's
 * events but the list of lots' codes in AppaltoConfermato, so it is not among them).
 */
export class DatiEventoDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Quando il fatto è avvenuto (quasi tutti i tipi)' }) il?: string;
  @ApiPropertyOptional({ format: 'uuid' }) appaltoId?: string;
  @ApiPropertyOptional({ example: 'LOT-0001' }) lotIdentifier?: string;
  @ApiPropertyOptional({ example: 'CARNET/0000555', description: 'Eventi di un carnet' }) numero?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'La richiesta ad ANAC a cui l’evento appartiene' }) richiestaId?: string;
}

/** One event of the history, with its effective and recorded time, who acted and why. */
export class EventoStoriaDto {
  @ApiProperty({ enum: ['cig', 'appalto', 'carnet'], description: 'Il flusso di eventi da cui viene' }) flusso!: 'cig' | 'appalto' | 'carnet';
  @ApiProperty({ enum: TIPI_EVENTO_STORIA, enumName: 'TipoEventoStoria' }) tipo!: TipoEventoStoria;
  @ApiProperty({ pattern: '^\\d+$', description: 'Revisione nel suo flusso (decimale)' }) revisione!: string;
  @ApiProperty({ description: 'Posizione nel registro degli eventi' }) posizione!: string;
  @ApiProperty({ format: 'date-time' }) effettivoIl!: string;
  @ApiProperty({ format: 'date-time' }) registratoIl!: string;
  @ApiProperty({ ...TESTO_O_NULL, description: 'userId di chi ha agito' }) attore!: string | null;
  @ApiProperty(TESTO_O_NULL) ruolo!: string | null;
  @ApiProperty(TESTO_O_NULL) ufficio!: string | null;
  @ApiProperty(TESTO_O_NULL) motivazione!: string | null;
  @ApiProperty(TESTO_O_NULL) correlationId!: string | null;
  @ApiProperty(TESTO_O_NULL) causationId!: string | null;
  @ApiProperty({ type: DatiEventoDto }) dati!: DatiEventoDto;
}

class PersonaDto {
  @ApiProperty() userId!: string;
  @ApiProperty() nome!: string;
  @ApiProperty({ example: 'RSSMRA80A01H501U' }) codiceFiscale!: string;
}

/** The CIG as of the instant: its state folded from its events (PCP, SIMOG, SmartCIG) or, for a carnet code, the carnet's view. */
export class StatoCigAlloraDto {
  @ApiProperty({ example: 'A01B2C3D4E' }) cig!: string;
  @ApiProperty({ enum: ['PCP', 'SIMOG', 'SMARTCIG'], enumName: 'Regime' }) regime!: string;
  @ApiProperty({ example: 'PERFEZIONATO', description: 'ASSEGNATO, PERFEZIONATO, SOSTITUITO, CANCELLATO, ANNULLATO, SCADUTO; per un carnet NON_RENDICONTATO, COMUNICATO, ANNULLATO' }) stato!: string;
  @ApiPropertyOptional({ format: 'uuid' }) appaltoId?: string;
  @ApiPropertyOptional() lotIdentifier?: string;
  @ApiPropertyOptional({ format: 'date-time' }) assegnatoIl?: string;
  @ApiPropertyOptional({ format: 'date-time' }) perfezionatoIl?: string;
  @ApiPropertyOptional() perfezionato?: boolean;
  @ApiPropertyOptional({ description: 'Il CIG che lo ha sostituito (modifica dell’avviso)' }) sostituitoDa?: string;
  @ApiPropertyOptional({ enum: ['CARNET'], description: 'Un codice di un carnet' }) modalita?: 'CARNET';
  @ApiPropertyOptional({ description: 'Stato del codice del carnet come lo mostra la pagina' }) descrizioneStato?: string;
}

/** The appalto of the CIG as of the instant. */
export class StatoAppaltoAlloraDto {
  @ApiProperty({ example: 'CONF' }) stato!: string;
  @ApiProperty({ example: 'Perfezionata' }) statoRichiesta!: string;
  @ApiProperty() oggetto!: string;
  @ApiProperty({ example: 'AFFIDAMENTO_DIRETTO' }) tipoProcedura!: string;
  @ApiProperty(TESTO_O_NULL) idAppaltoAnac!: string | null;
  @ApiProperty({ type: PersonaDto }) rup!: PersonaDto;
  @ApiProperty({ pattern: FORMATO_DUE_DECIMALI.source, example: '1250.00' }) importoComplessivo!: string;
  @ApiProperty() cigDisponibili!: boolean;
  @ApiProperty({ format: 'date-time' }) modificatoIl!: string;
}

/** The state as of the instant: the code, its appalto and its lot (null when they did not exist yet, or have none). */
export class StatoStoriaDto {
  @ApiProperty({ type: StatoCigAlloraDto, nullable: true }) cig!: StatoCigAlloraDto | null;
  @ApiProperty({ type: StatoAppaltoAlloraDto, nullable: true }) appalto!: StatoAppaltoAlloraDto | null;
  @ApiProperty({
    nullable: true,
    allOf: [{ $ref: '#/components/schemas/LottoDto' }, { type: 'object', properties: { lotIdentifier: { type: 'string' }, cigAttuale: { type: 'string', nullable: true } }, required: ['lotIdentifier', 'cigAttuale'] }],
    description: 'Il lotto del CIG con il CIG che ha in quell’istante',
  })
  lotto!: object | null;
}

/** The inclusion proofs of the events shown (`prove=true`), against the latest signed head. */
export class ProveStoriaDto {
  @ApiProperty({ type: String, nullable: true, description: 'null quando non c’è ancora una testa firmata (vedi `motivo`)' }) formato!: string | null;
  @ApiPropertyOptional({ allOf: [{ $ref: '#/components/schemas/TestaFirmata' }] }) testa?: object;
  @ApiPropertyOptional({ type: [ProvaInclusioneDto] }) prove?: ProvaInclusioneDto[];
  @ApiPropertyOptional({ description: 'Perché le prove non sono disponibili' }) motivo?: string;
  @ApiProperty({ type: [String], description: 'Posizioni degli eventi registrati dopo la testa: non ancora coperti' }) nonCoperti!: string[];
}

/** GET /cig/{cig}/storia: the history of a CIG as of an instant, from the events (never from a read model). */
export class StoriaCigDto {
  @ApiProperty({ example: 'A01B2C3D4E' }) cig!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'L’istante richiesto; null: adesso' }) asOf!: string | null;
  @ApiProperty({ enum: ['effettiva', 'registrazione'], description: 'Quale data legge asOf' }) base!: 'effettiva' | 'registrazione';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) appaltoId!: string | null;
  @ApiProperty(TESTO_O_NULL) lotIdentifier!: string | null;
  @ApiPropertyOptional({ example: 'CARNET/0000555', description: 'Per un codice di un carnet' }) numeroCarnet?: string;
  @ApiProperty({ ...TESTO_O_NULL, description: 'Ufficio della richiesta oggi: chi può leggere la storia' }) ufficio!: string | null;
  @ApiProperty({ type: StatoStoriaDto }) stato!: StatoStoriaDto;
  @ApiProperty({ type: [EventoStoriaDto] }) eventi!: EventoStoriaDto[];
  @ApiProperty({ type: Number, format: 'int32', minimum: 0, description: 'Eventi registrati dopo asOf' }) eventiSuccessivi!: number;
  @ApiPropertyOptional({ type: ProveStoriaDto }) prove?: ProveStoriaDto;
}
