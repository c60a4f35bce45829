import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { italiano, Sezione } from '#platform';
import { CF, comeImporto, IMPORTO, MSG_IMPORTO } from '../../anac-simog/campi.js';

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
