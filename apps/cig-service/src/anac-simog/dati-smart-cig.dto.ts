import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { FATTISPECIE_SMARTCIG, PROCEDURE_SMARTCIG } from '#domain';
import { italiano, Sezione } from '#platform';
import { comeImporto, IMPORTO, MSG_IMPORTO, OGGETTI, uno } from './campi.js';

@Sezione('dati di gara')
export class DatiSmartCigDto {
  @ApiProperty({ enum: FATTISPECIE_SMARTCIG }) @IsIn(FATTISPECIE_SMARTCIG, { message: uno(FATTISPECIE_SMARTCIG) })
  fattispecie: (typeof FATTISPECIE_SMARTCIG)[number];
  @ApiProperty({ example: '15000.00' }) @Transform(comeImporto) @Matches(IMPORTO, { message: MSG_IMPORTO })
  importo: string;
  @ApiProperty({ example: 'Stampe digitali' }) @IsString() @MinLength(1, { message: italiano('obbligatorio') }) @MaxLength(300)
  oggetto: string;
  @ApiProperty({ enum: PROCEDURE_SMARTCIG }) @IsIn(PROCEDURE_SMARTCIG, { message: uno(PROCEDURE_SMARTCIG) })
  procedura: (typeof PROCEDURE_SMARTCIG)[number];
  @ApiProperty({ enum: OGGETTI }) @IsIn(OGGETTI, { message: uno(OGGETTI) })
  oggettoPrincipale: (typeof OGGETTI)[number];
  @ApiPropertyOptional({ description: 'CIG accordo quadro, per un CIG derivato' }) @IsOptional() @IsString() @MaxLength(20)
  cigAccordoQuadro?: string;
  @ApiPropertyOptional({ example: 'J11B12000120002' }) @IsOptional() @Matches(/^[A-Z0-9]{15}$/, { message: italiano('il CUP è di 15 caratteri alfanumerici maiuscoli') })
  cup?: string;
}

export class MotivoDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  motivo?: string;
}
