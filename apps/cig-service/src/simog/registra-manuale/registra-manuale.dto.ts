import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { italiano, Sezione } from '#platform';
import { CF, comeImporto, IMPORTO, MSG_IMPORTO } from '../../anac-simog/campi.js';
import { PubblicazioneDto } from '../perfeziona-cig/pubblicazione.dto.js';

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
