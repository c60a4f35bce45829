import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches } from 'class-validator';
import { italiano } from '#platform';

export class AccessoSviluppoDto {
  @ApiProperty({ description: 'Utente della rubrica di sviluppo', example: 'francesca.bianchi' })
  @IsString({ message: 'userId deve essere un testo' })
  @IsNotEmpty({ message: 'userId è obbligatorio' })
  @Matches(/^[A-Za-z0-9._@-]{1,128}$/, { message: italiano('identificativo non valido') })
  userId!: string;
}
