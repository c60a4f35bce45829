import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { italiano } from '#platform';
import { IsCodiceFiscale } from '../../http/codice-fiscale.decorator.js';
import { ProfiloUtenteDto } from '../aggiorna-utente/profilo-utente.dto.js';

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
