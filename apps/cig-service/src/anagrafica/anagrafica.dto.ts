import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Type } from 'class-transformer';
import { IsCodiceFiscale } from '../http/codice-fiscale.decorator.js';
import { italiano, RUOLI, type Ruolo } from '#platform';

export class StazioneAppaltanteDto {
  @ApiProperty({ example: '01386030488' }) @IsCodiceFiscale('NUMERICO')
  codiceFiscale: string;
  @ApiProperty({ example: 'Regione Toscana' }) @IsString() @MinLength(1) @MaxLength(300)
  denominazione: string;
  @ApiProperty({ example: '0000246180', description: "Codice dell'Anagrafe Unica delle Stazioni Appaltanti" })
  @Matches(/^\d{10}$/, { message: italiano('deve essere di 10 cifre') })
  codiceAusa: string;
}

export class UnitaDto {
  @ApiProperty({ example: 'CDC-TOSCANA-CONTRATTI' }) @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: italiano('lettere, cifre, punto, trattino; al massimo 64') })
  codice: string;
  @ApiProperty({ example: 'Settore Contratti' }) @IsString() @MinLength(1) @MaxLength(300)
  denominazione: string;
  @ApiProperty({ example: '01386030488', description: 'Codice fiscale della stazione appaltante' })
  @Matches(/^\d{11}$/, { message: italiano('deve essere di 11 cifre') })
  sa: string;
}

export class ProfiloUtenteDto {
  @ApiProperty({ example: 'UFF-TOSCANA-GARE' }) @IsString() @MinLength(1) @MaxLength(64)
  ufficio: string;
  @ApiProperty({ example: ['CDC-TOSCANA-CONTRATTI'] }) @IsArray() @ArrayMaxSize(200) @ArrayUnique() @IsString({ each: true }) @MaxLength(64, { each: true })
  centriDiCosto: string[];
  @ApiProperty({ enum: RUOLI, isArray: true }) @IsArray() @ArrayMaxSize(RUOLI.length) @ArrayUnique() @IsIn(RUOLI, { each: true, message: italiano(`ruolo sconosciuto: ammessi ${RUOLI.join(', ')}`) })
  ruoli: Ruolo[];
}

export class UtenteDto extends ProfiloUtenteDto {
  @ApiProperty({ example: 'francesca.bianchi' }) @Matches(/^[A-Za-z0-9._@-]{1,128}$/, { message: italiano('identificativo non valido') })
  userId: string;
  @ApiProperty({ example: 'Francesca Bianchi' }) @IsString() @MinLength(1) @MaxLength(200)
  nome: string;
  @ApiProperty({ example: 'BNCFNC80A41D612P' }) @IsCodiceFiscale('PERSONA')
  codiceFiscale: string;
  @ApiProperty({ example: '01386030488' }) @Matches(/^\d{11}$/, { message: italiano('deve essere di 11 cifre') })
  sa: string;
}

export class CercaRupQuery {
  @ApiProperty({ example: 'CDC-TOSCANA-CONTRATTI' }) @IsString() @MinLength(1) @MaxLength(64)
  centroDiCosto: string;
  @ApiPropertyOptional({ description: 'Parte del nome o del codice fiscale' }) @IsOptional() @IsString() @MaxLength(100)
  q?: string;
}

export class CercaCpvQuery {
  @ApiProperty({ description: 'Parole della descrizione (tutte) o cifre iniziali del codice', example: 'servizi stampa' })
  @IsString() @MinLength(2, { message: italiano('almeno 2 caratteri') }) @MaxLength(100)
  q: string;
  @ApiPropertyOptional({ description: 'Quanti risultati al più (1-50, predefinito 20)', example: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  limite?: number;
}
