import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CollegaProceduraDto {
  @ApiProperty({ example: 'PROC-2024-000123' }) @IsString() @MinLength(1) @MaxLength(100)
  idProcedura: string;
}
