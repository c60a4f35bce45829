import { ApiProperty } from '@nestjs/swagger';
import { EVENTI_CIG, type EventoCig } from './eventi-cig.js';

/** The `data:` of an `event: cig` message of GET /eventi, as the OpenAPI document describes it to clients (the console's type). */
export class EventoCigDto implements EventoCig {
  @ApiProperty({ description: "Tipo dell'evento", example: 'CigPerfezionato', enum: EVENTI_CIG })
  readonly tipo!: string;

  @ApiProperty({ description: 'Codice del CIG', pattern: '^[0-9A-Z]{10}$', example: 'A01B2C3D4E' })
  readonly cig!: string;

  @ApiProperty({ description: "Appalto del CIG, se ne ha uno (null per SIMOG e SmartCIG)", type: String, nullable: true, example: '8f14e45f-ceea-4e7a-9f1b-1e3c2d0a7b11' })
  readonly appaltoId!: string | null;

  @ApiProperty({ description: 'Lotto del CIG nel suo appalto', type: String, nullable: true, example: 'LOT-0001' })
  readonly lotIdentifier!: string | null;

  @ApiProperty({ description: "Posizione dell'evento nel log: `GET /cig?attendi=` legge l'elenco quando la contiene" })
  readonly posizione!: string;
}
