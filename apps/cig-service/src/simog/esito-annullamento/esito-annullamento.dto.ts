import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class EsitoAnnullamentoDto {
  @ApiProperty({ description: "L'Autorità ha accolto la richiesta" }) @IsBoolean()
  accolto: boolean;
  @ApiPropertyOptional({ description: 'Obbligatorio se respinta' }) @IsOptional() @IsString() @MaxLength(1000)
  motivo?: string;
}
