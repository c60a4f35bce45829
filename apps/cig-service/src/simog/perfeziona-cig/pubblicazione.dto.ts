import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { italiano, Sezione } from '#platform';

@Sezione('dati di gara')
export class PubblicazioneDto {
  @ApiProperty({ example: '2019-03-05', description: 'Data di pubblicazione del bando o della lettera di invito' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: italiano('data nel formato AAAA-MM-GG') })
  dataPubblicazione: string;
  @ApiPropertyOptional({ example: 'GURI V Serie Speciale n. 27 del 05/03/2019' }) @IsOptional() @IsString() @MaxLength(500)
  estremi?: string;
  @ApiPropertyOptional({ example: '2019-04-05T12:00:00Z' }) @IsOptional() @IsString() @MaxLength(40)
  scadenzaOfferte?: string;
}
