import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class CercaRupParametri {
  @ApiProperty({ example: 'CDC-TOSCANA-CONTRATTI' }) @IsString() @MinLength(1) @MaxLength(64)
  centroDiCosto: string;
  @ApiPropertyOptional({ description: 'Parte del nome o del codice fiscale' }) @IsOptional() @IsString() @MaxLength(100)
  q?: string;
}
