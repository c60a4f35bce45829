import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { italiano, Sezione } from '#platform';
import { comeImporto, IMPORTO, MSG_IMPORTO, OGGETTI, uno } from '../../anac-simog/campi.js';

@Sezione('lotti')
export class LottoSimogDto {
  @ApiProperty({ example: 'Pulizia sede di Firenze' }) @IsString() @MinLength(1, { message: italiano('obbligatorio') }) @MaxLength(300)
  oggetto: string;
  @ApiProperty({ example: '60000.00' }) @Transform(comeImporto) @Matches(IMPORTO, { message: MSG_IMPORTO })
  importo: string;
  @ApiProperty({ enum: OGGETTI }) @IsIn(OGGETTI, { message: uno(OGGETTI) })
  oggettoPrincipale: (typeof OGGETTI)[number];
  @ApiPropertyOptional({ example: '90910000-9' }) @IsOptional() @Matches(/^\d{8}-\d$/, { message: italiano('CPV nel formato NNNNNNNN-N') })
  cpv?: string;
}
