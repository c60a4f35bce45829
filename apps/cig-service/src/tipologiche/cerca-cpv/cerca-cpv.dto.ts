import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { italiano } from '#platform';

export class CercaCpvParametri {
  @ApiProperty({ description: 'Parole della descrizione (tutte) o cifre iniziali del codice', example: 'servizi stampa' })
  @IsString() @MinLength(2, { message: italiano('almeno 2 caratteri') }) @MaxLength(100)
  q: string;
  @ApiPropertyOptional({ description: 'Quanti risultati al più (1-50, predefinito 20)', example: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  limite?: number;
}
