import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { italiano } from '#platform';

export class VerificaAppaltoQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: "true: anche ANAC verifica la richiesta (verifica-appalto, asincrona): il suo esito compare accanto a quello locale" })
  @IsOptional() @IsIn(['true', 'false'], { message: italiano('valore non ammesso: true, false') })
  anac?: 'true' | 'false';
}
