import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { italiano, Sezione } from '#platform';
import { CF } from '../../anac-simog/campi.js';
import { DatiSmartCigDto } from '../../anac-simog/dati-smart-cig.dto.js';

export class RichiediSmartCigDto {
  @ApiProperty({ example: 'CDC-TOSCANA-CONTRATTI' }) @Sezione('rup e centro di costo') @IsString() @MinLength(1) @MaxLength(64)
  centroDiCosto: string;
  @ApiProperty({ example: 'GVNMRC70A01D612Q' }) @Sezione('rup e centro di costo') @Matches(CF, { message: italiano('codice fiscale del RUP: 16 caratteri maiuscoli') })
  rup: string;
  @ApiProperty({ type: DatiSmartCigDto }) @IsDefined() @ValidateNested() @Type(() => DatiSmartCigDto)
  dati: DatiSmartCigDto;
}
