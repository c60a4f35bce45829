import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { italiano, Sezione } from '#platform';
import { CF } from '../../anac-simog/campi.js';

export class RichiediCarnetDto {
  @ApiProperty({ example: 'CDC-TOSCANA-CONTRATTI' }) @Sezione('rup e centro di costo') @IsString() @MinLength(1) @MaxLength(64)
  centroDiCosto: string;
  @ApiProperty({ example: 'GVNMRC70A01D612Q' }) @Sezione('rup e centro di costo') @Matches(CF, { message: italiano('codice fiscale del RUP: 16 caratteri maiuscoli') })
  rup: string;
}
