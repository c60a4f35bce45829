import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CancellaGaraDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  motivo?: string;
}
