import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { DatiSmartCigDto } from '../../anac-simog/dati-smart-cig.dto.js';

export class ModificaSmartCigDto {
  @ApiProperty({ type: DatiSmartCigDto }) @IsDefined() @ValidateNested() @Type(() => DatiSmartCigDto)
  dati: DatiSmartCigDto;
}
