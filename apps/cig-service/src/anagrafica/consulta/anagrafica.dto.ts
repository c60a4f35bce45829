import { ApiProperty } from '@nestjs/swagger';

const RUOLI = ['BUYER', 'RESPONSABILE_EPROCUREMENT', 'RUP', 'AUDITOR', 'RPCT', 'ADMIN'] as const;

/** A cost centre of a stazione appaltante (manuale START Richiedi CIG, "Centro di costo richiedente"). */
export class CentroDiCostoDto {
  @ApiProperty({ example: 'CDC-01' }) codice!: string;
  @ApiProperty({ example: 'Ufficio acquisti' }) denominazione!: string;
  @ApiProperty({ example: '80012345678', description: 'Codice fiscale della stazione appaltante' }) sa!: string;
}

/** A RUP of a cost centre, as "Trova e seleziona RUP" lists them. */
export class RupDto {
  @ApiProperty({ example: 'mario.rossi' }) userId!: string;
  @ApiProperty({ example: 'Mario Rossi' }) nome!: string;
  @ApiProperty({ example: 'RSSMRA80A01H501U' }) codiceFiscale!: string;
}

export class StazioneAppaltanteRegistrataDto {
  @ApiProperty({ example: '80012345678' }) codiceFiscale!: string;
  @ApiProperty() denominazione!: string;
  @ApiProperty({ pattern: '^\\d{10}$', example: '0000123456' }) codiceAusa!: string;
}

export class UfficioDto {
  @ApiProperty() codice!: string;
  @ApiProperty() denominazione!: string;
  @ApiProperty({ description: 'Codice fiscale della stazione appaltante' }) sa!: string;
}

export class UtenteAnagraficaDto {
  @ApiProperty() userId!: string;
  @ApiProperty() nome!: string;
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty() sa!: string;
  @ApiProperty() ufficio!: string;
  @ApiProperty({ type: [String], description: 'Codici dei centri di costo di cui è responsabile' }) centriDiCosto!: string[];
  @ApiProperty({ enum: RUOLI, enumName: 'RuoloUtente', isArray: true }) ruoli!: string[];
  @ApiProperty() attivo!: boolean;
}

/** GET /admin/anagrafica: the whole directory. */
export class AnagraficaDto {
  @ApiProperty({ type: [StazioneAppaltanteRegistrataDto] }) stazioniAppaltanti!: StazioneAppaltanteRegistrataDto[];
  @ApiProperty({ type: [CentroDiCostoDto] }) centriDiCosto!: CentroDiCostoDto[];
  @ApiProperty({ type: [UfficioDto] }) uffici!: UfficioDto[];
  @ApiProperty({ type: [UtenteAnagraficaDto] }) utenti!: UtenteAnagraficaDto[];
}
