import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { italiano, Sezione } from '#platform';
import { comeImporto, IMPORTO, MSG_IMPORTO, OGGETTI, uno } from '../anac-simog/campi.js';
import { IsCodiceFiscale } from '../http/codice-fiscale.decorator.js';

export const SCHEDE = ['AD5', 'AD3', 'P2_16', 'P1_16', 'P5'] as const;
export const PROCEDURE = ['AFFIDAMENTO_DIRETTO', 'APERTA', 'RISTRETTA', 'NEGOZIATA'] as const;
export { uno };

@Sezione('dati di gara')
export class DatiGaraDto {
  @ApiProperty({ example: 'Fornitura di materiale di cancelleria' }) @IsString() @MinLength(1, { message: italiano('obbligatorio') }) @MaxLength(2000)
  oggetto: string;
  @ApiProperty({ enum: ['ORDINARIO', 'SPECIALE'] }) @IsIn(['ORDINARIO', 'SPECIALE'], { message: uno(['ORDINARIO', 'SPECIALE']) })
  settore: 'ORDINARIO' | 'SPECIALE';
  @ApiProperty({ enum: OGGETTI }) @IsIn(OGGETTI, { message: uno(OGGETTI) })
  oggettoPrincipale: (typeof OGGETTI)[number];
  @ApiPropertyOptional({ example: '1250.00' }) @IsOptional() @Transform(comeImporto) @Matches(IMPORTO, { message: MSG_IMPORTO })
  importoComplessivo?: string;
  @ApiPropertyOptional({ example: 'J11B20000010006' }) @IsOptional() @Matches(/^[A-Za-z0-9]{15}$/, { message: italiano('il CUP è di 15 caratteri alfanumerici') })
  cup?: string;
  @ApiPropertyOptional({ description: 'Procedura della piattaforma a cui la richiesta appartiene (flusso "procedura prima")' })
  @IsOptional() @IsString() @MaxLength(100)
  idProcedura?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  urgenza?: boolean;
  @ApiPropertyOptional({ example: '2024-03-15T12:00:00Z', description: 'Scadenza presentazione offerte (procedure aperte)' })
  @IsOptional() @IsISO8601({ strict: true }, { message: italiano('data e ora ISO 8601, es. 2024-03-15T12:00:00Z') })
  scadenzaPresentazioneOfferte?: string;
  @ApiPropertyOptional({ example: '2024-03-01T12:00:00Z', description: 'Scadenza domande di partecipazione (procedure ristrette e negoziate)' })
  @IsOptional() @IsISO8601({ strict: true }, { message: italiano('data e ora ISO 8601, es. 2024-03-01T12:00:00Z') })
  scadenzaPresentazioneInvito?: string;
  @ApiPropertyOptional({ example: 'https://appalti.example.it/gara/123' })
  @IsOptional() @Matches(/^https?:\/\/\S{1,2000}$/, { message: italiano("indirizzo web che inizia con http:// o https://") })
  urlDocumenti?: string;
}

@Sezione('aggiudicazioni')
export class PartecipanteDto {
  @ApiProperty({ example: '01234567897' }) @IsCodiceFiscale('QUALSIASI')
  codiceFiscale: string;
  @ApiProperty({ example: 'Cartoleria Esempio S.r.l.' }) @IsString() @MinLength(1) @MaxLength(500)
  denominazione: string;
  @ApiProperty({ example: '1250.00' }) @Transform(comeImporto) @Matches(IMPORTO, { message: MSG_IMPORTO })
  importo: string;
}

@Sezione('aggiudicazioni')
export class AggiudicazioneDto {
  @ApiProperty({ type: [PartecipanteDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PartecipanteDto)
  partecipanti: PartecipanteDto[];
  @ApiPropertyOptional({ example: '2024-01-15' }) @IsOptional() @IsISO8601({ strict: true }, { message: italiano('data nel formato AAAA-MM-GG') })
  dataAggiudicazione?: string;
}

@Sezione('lotti')
export class LottoDto {
  @ApiProperty({ example: 'Fornitura di materiale di cancelleria' }) @IsString() @MinLength(1, { message: italiano('obbligatorio') }) @MaxLength(1000)
  oggetto: string;
  @ApiProperty({ enum: OGGETTI }) @IsIn(OGGETTI, { message: uno(OGGETTI) })
  oggettoContratto: (typeof OGGETTI)[number];
  @ApiProperty({ example: '1250.00', description: 'Importo al netto dell\'IVA' }) @Transform(comeImporto) @Matches(IMPORTO, { message: MSG_IMPORTO })
  importo: string;
  @ApiPropertyOptional({ example: '0' }) @IsOptional() @Transform(comeImporto) @Matches(IMPORTO, { message: MSG_IMPORTO })
  importoSicurezza?: string;
  @ApiProperty({ example: '30192000-1', description: 'CPV principale del lotto (tra quelli della classificazione)' })
  @Matches(/^\d{8}-\d$/, { message: italiano('codice CPV nel formato NNNNNNNN-N') })
  cpv: string;
  @ApiProperty({ example: '048017', description: 'Codice ISTAT del comune di esecuzione (6 cifre)' }) @Matches(/^\d{6}$/, { message: italiano('codice ISTAT del comune: 6 cifre') })
  luogoIstat: string;
  @ApiPropertyOptional({ example: 90 }) @IsOptional() @IsInt({ message: italiano('numero intero di giorni') }) @Min(1) @Max(36500)
  durataGiorni?: number;
  @ApiPropertyOptional({ type: AggiudicazioneDto }) @IsOptional() @ValidateNested() @Type(() => AggiudicazioneDto)
  aggiudicazione?: AggiudicazioneDto;
}
