import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { italiano } from '#platform';
import { STATI_CONSEGNA, type StatoConsegna } from '../webhook.store.js';

export class RegistroConsegneQuery {
  @ApiPropertyOptional({ enum: STATI_CONSEGNA }) @IsOptional() @IsIn(STATI_CONSEGNA, { message: italiano(`stato sconosciuto: ammessi ${STATI_CONSEGNA.join(', ')}`) })
  stato?: StatoConsegna;

  @ApiPropertyOptional({ minimum: 1, maximum: 500 }) @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value))) @IsInt() @Min(1) @Max(500)
  limite?: number;

  @ApiPropertyOptional({ description: 'Solo le consegne con id minore (pagina successiva)' }) @IsOptional() @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value))) @IsInt() @Min(1)
  primaDi?: number;
}
