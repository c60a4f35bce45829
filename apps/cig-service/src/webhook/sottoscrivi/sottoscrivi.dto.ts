import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { italiano } from '#platform';
import { EVENTI_WEBHOOK } from '../eventi-webhook.js';

export class SottoscrizioneDto {
  @ApiProperty({ example: 'https://gare.example.it/cig-ledger/eventi', description: 'Indirizzo http o https che riceve gli eventi (POST JSON firmato)' })
  @IsString() @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_valid_protocol: true }, { message: italiano('deve essere un indirizzo http o https') })
  url: string;

  @ApiProperty({ example: 'una-frase-segreta-lunga-almeno-16', description: 'Chiave della firma HMAC-SHA256; non è mai restituita' })
  @IsString() @MinLength(16) @MaxLength(200)
  segreto: string;

  @ApiProperty({ enum: EVENTI_WEBHOOK, isArray: true, example: ['CigAssegnato', 'AppaltoRespinto', 'AppaltoPubblicato'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(EVENTI_WEBHOOK.length) @ArrayUnique()
  @IsIn(EVENTI_WEBHOOK, { each: true, message: italiano(`evento sconosciuto: ammessi ${EVENTI_WEBHOOK.join(', ')}`) })
  eventi: string[];

  @ApiPropertyOptional({ example: 'UFF-TOSCANA-GARE', description: "Solo gli eventi di questo ufficio; senza, quelli di tutti gli uffici" })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(64)
  ufficio?: string;

  @ApiPropertyOptional({ example: 'Modulo gare' }) @IsOptional() @IsString() @MaxLength(300)
  descrizione?: string;
}
