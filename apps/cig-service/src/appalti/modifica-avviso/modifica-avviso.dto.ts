import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { DatiGaraDto } from '../appalto.dto.js';

export class ModificaAvvisoDto {
  @ApiPropertyOptional({ type: DatiGaraDto }) @IsOptional() @ValidateNested() @Type(() => DatiGaraDto)
  datiGara?: DatiGaraDto;
}
