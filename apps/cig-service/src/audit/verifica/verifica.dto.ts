import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The verification itself: which, in what state, how far. */
export class AvanzamentoVerificaDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['IN_CORSO', 'CONCLUSA'], description: 'Una verifica FALLITA risponde 503 problem+json' }) stato!: 'IN_CORSO' | 'CONCLUSA';
  @ApiProperty({ format: 'date-time' }) avviataIl!: string;
  @ApiProperty({ type: Number, format: 'int64', minimum: 0 }) recordControllati!: number;
  @ApiProperty({ type: Number, format: 'int64', minimum: 0 }) recordTotali!: number;
  @ApiPropertyOptional({ format: 'date-time' }) conclusaIl?: string;
}

/** The first record found altered, inserted, deleted, out of order, unlinked or with a bad checkpoint signature. */
export class ProblemaAuditDto {
  @ApiProperty({ enum: ['ALTERATO', 'ELIMINATO', 'INSERITO', 'RIORDINATO', 'CATENA_INTERROTTA', 'FIRMA_NON_VALIDA', 'CHECKPOINT_NON_CORRISPONDE'], enumName: 'TipoProblemaAudit' }) tipo!: string;
  @ApiProperty({ pattern: '^\\d+$', description: 'Numero del primo record sbagliato (o mancante)' }) seq!: string;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiProperty({ description: 'In italiano' }) dettaglio!: string;
}

/** 200: the outcome of a concluded verification of the trail. */
export class EsitoVerificaAuditDto {
  @ApiProperty({ description: 'Vero se nessun record è alterato, inserito o eliminato e ogni checkpoint firmato è valido' }) integra!: boolean;
  @ApiProperty({ type: Number, format: 'int64', minimum: 0 }) recordVerificati!: number;
  @ApiProperty({ type: Number, format: 'int32', minimum: 0 }) checkpointVerificati!: number;
  @ApiProperty({ type: String, nullable: true, pattern: '^\\d+$', description: 'Ultimo record verificato' }) ultimoSeq!: string | null;
  @ApiProperty({ type: ProblemaAuditDto, nullable: true }) problema!: ProblemaAuditDto | null;
  @ApiProperty({ description: 'Id della chiave che firma i checkpoint' }) chiave!: string;
  @ApiProperty({ type: AvanzamentoVerificaDto }) verifica!: AvanzamentoVerificaDto;
}

/** 202: the verification still runs; `stato` is where to read it (also in Location). */
export class VerificaInCorsoDto {
  @ApiProperty({ type: AvanzamentoVerificaDto }) verifica!: AvanzamentoVerificaDto;
  @ApiProperty({ example: '/audit/verifica/0b6c…', description: 'Indirizzo della verifica: GET per l’esito (202 finché è in corso)' }) stato!: string;
}
