import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Sezione } from '#platform';
import { IsCodiceFiscale } from '../../http/codice-fiscale.decorator.js';
import { DatiGaraDto, PROCEDURE, SCHEDE, uno } from '../appalto.dto.js';

export class CreaAppaltoDto {
  @ApiProperty({ enum: SCHEDE, description: 'Scheda PCP (AD5: affidamento diretto < 5.000 €)' }) @IsIn(SCHEDE, { message: uno(SCHEDE) })
  scheda: (typeof SCHEDE)[number];
  @ApiProperty({ enum: PROCEDURE }) @IsIn(PROCEDURE, { message: uno(PROCEDURE) })
  tipoProcedura: (typeof PROCEDURE)[number];
  @ApiProperty({ example: 'CDC-TOSCANA-CONTRATTI' }) @Sezione('rup e centro di costo') @IsString() @MinLength(1) @MaxLength(64)
  centroDiCosto: string;
  @ApiProperty({ example: 'GVNMRC70A01D612Q', description: 'Codice fiscale del RUP (Trova e seleziona RUP)' })
  @Sezione('rup e centro di costo') @IsCodiceFiscale('PERSONA')
  rup: string;
  // ValidateNested alone lets a missing object through: IsDefined makes it "obbligatorio".
  @ApiProperty({ type: DatiGaraDto }) @IsDefined() @ValidateNested() @Type(() => DatiGaraDto)
  datiGara: DatiGaraDto;
}
