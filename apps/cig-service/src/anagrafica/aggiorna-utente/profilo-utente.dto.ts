import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { italiano, RUOLI, type Ruolo } from '#platform';

export class ProfiloUtenteDto {
  @ApiProperty({ example: 'UFF-TOSCANA-GARE' }) @IsString() @MinLength(1) @MaxLength(64)
  ufficio: string;
  @ApiProperty({ example: ['CDC-TOSCANA-CONTRATTI'] }) @IsArray() @ArrayMaxSize(200) @ArrayUnique() @IsString({ each: true }) @MaxLength(64, { each: true })
  centriDiCosto: string[];
  @ApiProperty({ enum: RUOLI, isArray: true }) @IsArray() @ArrayMaxSize(RUOLI.length) @ArrayUnique() @IsIn(RUOLI, { each: true, message: italiano(`ruolo sconosciuto: ammessi ${RUOLI.join(', ')}`) })
  ruoli: Ruolo[];
}
