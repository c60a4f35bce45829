import { ApiProperty } from '@nestjs/swagger';
import { FORMATO_IMPORTO } from '#domain';
import { DATA_ORA } from '../../http/risposte-condivise.dto.js';

const CONTEGGIO = { type: Number, format: 'int32', minimum: 0 } as const;

/** A carnet in the list of GET /carnet (nota SMART CIG 2011: number, dates, state and its codes counted). */
export class CarnetInElencoDto {
  @ApiProperty({ example: 'CARNET/0000555' }) numero!: string;
  @ApiProperty(DATA_ORA) dataCreazione!: string;
  @ApiProperty(DATA_ORA) dataScadenza!: string;
  @ApiProperty({ ...DATA_ORA, description: 'Entro quando comunicare i CIG usati (30 giorni dopo la scadenza)' }) termineRendicontazione!: string;
  @ApiProperty({ type: Number, format: 'int32', minimum: 1, example: 50, description: 'Quanti CIG contiene' }) dimensione!: number;
  @ApiProperty({ example: 'ATTIVO', description: 'ATTIVO, SCADUTO, RENDICONTAZIONE_SCADUTA' }) stato!: string;
  @ApiProperty({ example: 'CARNET ATTIVO' }) descrizioneStato!: string;
  @ApiProperty({ description: 'Nome del RUP' }) rup!: string;
  @ApiProperty({ description: 'Denominazione del centro di costo' }) centroDiCosto!: string;
  @ApiProperty(CONTEGGIO) cigNonRendicontati!: number;
  @ApiProperty(CONTEGGIO) cigComunicati!: number;
  @ApiProperty(CONTEGGIO) cigAnnullati!: number;
}

/** A code of a carnet: "CIG NON RENDICONTATO" until its SmartCIG data are communicated, or annulled. */
export class CodiceCarnetDto {
  @ApiProperty({ example: 'Z0A1B2C3D4' }) cig!: string;
  @ApiProperty({ example: 'Acquisto di toner', description: '"-" finché il CIG non è comunicato' }) oggetto!: string;
  @ApiProperty({ enum: ['NON_RENDICONTATO', 'COMUNICATO', 'ANNULLATO'], enumName: 'StatoCodiceCarnet' }) stato!: 'NON_RENDICONTATO' | 'COMUNICATO' | 'ANNULLATO';
  @ApiProperty({ example: 'CIG NON RENDICONTATO' }) descrizioneStato!: string;
  @ApiProperty({ type: String, nullable: true, pattern: FORMATO_IMPORTO.source, example: '1500.00', description: 'Euro, al più due decimali, come comunicato' }) importo!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) comunicatoIl!: string | null;
  @ApiProperty({ description: 'Comunicato o annullato dopo i 30 giorni' }) tardiva!: boolean;
}

class RupCarnetDto {
  @ApiProperty() nome!: string;
  @ApiProperty({ example: 'RSSMRA80A01H501U' }) codiceFiscale!: string;
}

class CentroDiCostoCarnetDto {
  @ApiProperty() codice!: string;
  @ApiProperty() denominazione!: string;
}

/** GET /carnet/{numero}: the carnet with its codes. */
export class CarnetDto {
  @ApiProperty({ example: 'CARNET/0000555' }) numero!: string;
  @ApiProperty(DATA_ORA) dataCreazione!: string;
  @ApiProperty(DATA_ORA) dataScadenza!: string;
  @ApiProperty(DATA_ORA) termineRendicontazione!: string;
  @ApiProperty({ type: Number, format: 'int32', minimum: 1, example: 50 }) dimensione!: number;
  @ApiProperty({ example: 'ATTIVO' }) stato!: string;
  @ApiProperty({ example: 'CARNET ATTIVO' }) descrizioneStato!: string;
  @ApiProperty({ type: RupCarnetDto }) rup!: RupCarnetDto;
  @ApiProperty({ type: CentroDiCostoCarnetDto }) centroDiCosto!: CentroDiCostoCarnetDto;
  @ApiProperty(CONTEGGIO) cigNonRendicontati!: number;
  @ApiProperty(CONTEGGIO) cigComunicati!: number;
  @ApiProperty(CONTEGGIO) cigAnnullati!: number;
  @ApiProperty({ type: [CodiceCarnetDto] }) cig!: CodiceCarnetDto[];
}
