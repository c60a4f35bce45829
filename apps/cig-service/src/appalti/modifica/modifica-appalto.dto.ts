import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Sezione } from '#platform';
import { IsCodiceFiscale } from '../../http/codice-fiscale.decorator.js';
import { DatiGaraDto } from '../appalto.dto.js';

export class ModificaAppaltoDto {
  @ApiPropertyOptional({ type: DatiGaraDto }) @IsOptional() @ValidateNested() @Type(() => DatiGaraDto)
  datiGara?: DatiGaraDto;
  @ApiPropertyOptional() @IsOptional() @Sezione('rup e centro di costo') @IsString() @MinLength(1) @MaxLength(64)
  centroDiCosto?: string;
  @ApiPropertyOptional() @IsOptional() @Sezione('rup e centro di costo') @IsCodiceFiscale('PERSONA')
  rup?: string;
}
