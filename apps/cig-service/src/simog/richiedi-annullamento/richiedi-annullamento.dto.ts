import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { italiano, Sezione } from '#platform';

@Sezione('rup e centro di costo')
export class AnnullamentoDto {
  @ApiProperty() @IsString() @MinLength(1, { message: italiano('obbligatoria') }) @MaxLength(1000)
  motivazione: string;
  @ApiProperty({ example: 'Carta di identità AX1234567 rilasciata dal Comune di Firenze', description: 'Estremi del documento di identità del RUP allegato (avviso AVCP-SIMOG 2011)' })
  @IsString() @MinLength(1, { message: italiano('obbligatorio') }) @MaxLength(200)
  documentoIdentitaRup: string;
}
