import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class RiproduzioneDto {
  @ApiProperty({ example: 'inizio', description: "Posizione del registro (come `posizione` negli eventi consegnati) dopo la quale ripetere gli eventi, o `inizio`" })
  @IsString() @MinLength(1) @MaxLength(100)
  dallaPosizione: string;
}
