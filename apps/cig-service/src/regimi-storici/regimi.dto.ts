import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { italiano, Sezione } from '#platform';
import { CF, comeImporto, IMPORTO, MSG_IMPORTO, OGGETTI, uno } from '../anac-simog/campi.js';
import { DatiSmartCigDto } from '../anac-simog/dati-smart-cig.dto.js';

export { DatiSmartCigDto, MotivoDto } from '../anac-simog/dati-smart-cig.dto.js';

@Sezione('dati di gara')
export class CreaGaraSimogDto {
  @ApiProperty({ example: 'Servizi di pulizia delle sedi' }) @IsString() @MinLength(1, { message: italiano('obbligatorio') }) @MaxLength(300)
  oggetto: string;
  @ApiPropertyOptional({ example: '120000.00' }) @IsOptional() @Transform(comeImporto) @Matches(IMPORTO, { message: MSG_IMPORTO })
  importoComplessivo?: string;
  @ApiProperty({ example: 'CDC-TOSCANA-CONTRATTI' }) @Sezione('rup e centro di costo') @IsString() @MinLength(1) @MaxLength(64)
  centroDiCosto: string;
  @ApiProperty({ example: 'GVNMRC70A01D612Q' }) @Sezione('rup e centro di costo') @Matches(CF, { message: italiano('codice fiscale del RUP: 16 caratteri maiuscoli') })
  rup: string;
}

@Sezione('lotti')
export class LottoSimogDto {
  @ApiProperty({ example: 'Pulizia sede di Firenze' }) @IsString() @MinLength(1, { message: italiano('obbligatorio') }) @MaxLength(300)
  oggetto: string;
  @ApiProperty({ example: '60000.00' }) @Transform(comeImporto) @Matches(IMPORTO, { message: MSG_IMPORTO })
  importo: string;
  @ApiProperty({ enum: OGGETTI }) @IsIn(OGGETTI, { message: uno(OGGETTI) })
  oggettoPrincipale: (typeof OGGETTI)[number];
  @ApiPropertyOptional({ example: '90910000-9' }) @IsOptional() @Matches(/^\d{8}-\d$/, { message: italiano('CPV nel formato NNNNNNNN-N') })
  cpv?: string;
}

export class CancellaGaraDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  motivo?: string;
}

@Sezione('dati di gara')
export class PubblicazioneDto {
  @ApiProperty({ example: '2019-03-05', description: 'Data di pubblicazione del bando o della lettera di invito' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: italiano('data nel formato AAAA-MM-GG') })
  dataPubblicazione: string;
  @ApiPropertyOptional({ example: 'GURI V Serie Speciale n. 27 del 05/03/2019' }) @IsOptional() @IsString() @MaxLength(500)
  estremi?: string;
  @ApiPropertyOptional({ example: '2019-04-05T12:00:00Z' }) @IsOptional() @IsString() @MaxLength(40)
  scadenzaOfferte?: string;
}

@Sezione('lotti')
export class CancellaCigDto {
  @ApiProperty({ enum: [1, 2, 3, 4], description: '1 duplicato, 2 errore materiale, 3 decisione dell\'amministrazione, 4 altro (con nota)' })
  @IsInt({ message: italiano('codice motivo: 1, 2, 3 o 4') }) @Min(1, { message: italiano('codice motivo: 1, 2, 3 o 4') }) @Max(4, { message: italiano('codice motivo: 1, 2, 3 o 4') })
  codiceMotivo: number;
  @ApiPropertyOptional({ description: 'Obbligatoria con il motivo 4' }) @IsOptional() @IsString() @MaxLength(200)
  nota?: string;
}

@Sezione('rup e centro di costo')
export class AnnullamentoDto {
  @ApiProperty() @IsString() @MinLength(1, { message: italiano('obbligatoria') }) @MaxLength(1000)
  motivazione: string;
  @ApiProperty({ example: 'Carta di identità AX1234567 rilasciata dal Comune di Firenze', description: 'Estremi del documento di identità del RUP allegato (avviso AVCP-SIMOG 2011)' })
  @IsString() @MinLength(1, { message: italiano('obbligatorio') }) @MaxLength(200)
  documentoIdentitaRup: string;
}

export class EsitoAnnullamentoDto {
  @ApiProperty({ description: "L'Autorità ha accolto la richiesta" }) @IsBoolean()
  accolto: boolean;
  @ApiPropertyOptional({ description: 'Obbligatorio se respinta' }) @IsOptional() @IsString() @MaxLength(1000)
  motivo?: string;
}

@Sezione('dati di gara')
export class RegistrazioneManualeDto {
  @ApiProperty({ example: '1234567ABC', description: 'CIG ottenuto su SIMOG ("inserire a mano il CIG", avviso AVCP-SIMOG 2011)' }) @IsString() @MinLength(1) @MaxLength(20)
  cig: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300)
  oggettoProcedura: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300)
  oggetto: string;
  @ApiProperty({ example: '45000.00' }) @Transform(comeImporto) @Matches(IMPORTO, { message: MSG_IMPORTO })
  importo: string;
  @ApiPropertyOptional({ example: '7654321' }) @IsOptional() @Matches(/^\d{1,12}$/, { message: italiano('numero gara SIMOG: solo cifre') })
  numeroGara?: string;
  @ApiProperty({ example: 'CDC-TOSCANA-CONTRATTI' }) @Sezione('rup e centro di costo') @IsString() @MinLength(1) @MaxLength(64)
  centroDiCosto: string;
  @ApiProperty({ example: 'GVNMRC70A01D612Q' }) @Sezione('rup e centro di costo') @Matches(CF, { message: italiano('codice fiscale del RUP: 16 caratteri maiuscoli') })
  rup: string;
  @ApiPropertyOptional({ type: PubblicazioneDto, description: 'Se il CIG è già perfezionato su SIMOG' }) @IsOptional() @ValidateNested() @Type(() => PubblicazioneDto)
  pubblicazione?: PubblicazioneDto;
}

export class RichiediSmartCigDto {
  @ApiProperty({ example: 'CDC-TOSCANA-CONTRATTI' }) @Sezione('rup e centro di costo') @IsString() @MinLength(1) @MaxLength(64)
  centroDiCosto: string;
  @ApiProperty({ example: 'GVNMRC70A01D612Q' }) @Sezione('rup e centro di costo') @Matches(CF, { message: italiano('codice fiscale del RUP: 16 caratteri maiuscoli') })
  rup: string;
  @ApiProperty({ type: DatiSmartCigDto }) @IsDefined() @ValidateNested() @Type(() => DatiSmartCigDto)
  dati: DatiSmartCigDto;
}

export class ModificaSmartCigDto {
  @ApiProperty({ type: DatiSmartCigDto }) @IsDefined() @ValidateNested() @Type(() => DatiSmartCigDto)
  dati: DatiSmartCigDto;
}

export class RichiediCarnetDto {
  @ApiProperty({ example: 'CDC-TOSCANA-CONTRATTI' }) @Sezione('rup e centro di costo') @IsString() @MinLength(1) @MaxLength(64)
  centroDiCosto: string;
  @ApiProperty({ example: 'GVNMRC70A01D612Q' }) @Sezione('rup e centro di costo') @Matches(CF, { message: italiano('codice fiscale del RUP: 16 caratteri maiuscoli') })
  rup: string;
}
