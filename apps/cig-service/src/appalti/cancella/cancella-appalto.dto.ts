import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { italiano } from '#platform';

export class CancellaAppaltoDto {
  @ApiProperty({ example: 'Revoca della procedura', description: 'Motivo (al massimo 200 caratteri, come ANAC)' })
  @IsString() @MinLength(1, { message: italiano('il motivo è obbligatorio') }) @MaxLength(200, { message: italiano('al massimo 200 caratteri') })
  motivo: string;
}
