import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { italiano, Sezione } from '#platform';

@Sezione('lotti')
export class CancellaCigDto {
  @ApiProperty({ enum: [1, 2, 3, 4], description: '1 duplicato, 2 errore materiale, 3 decisione dell\'amministrazione, 4 altro (con nota)' })
  @IsInt({ message: italiano('codice motivo: 1, 2, 3 o 4') }) @Min(1, { message: italiano('codice motivo: 1, 2, 3 o 4') }) @Max(4, { message: italiano('codice motivo: 1, 2, 3 o 4') })
  codiceMotivo: number;
  @ApiPropertyOptional({ description: 'Obbligatoria con il motivo 4' }) @IsOptional() @IsString() @MaxLength(200)
  nota?: string;
}
