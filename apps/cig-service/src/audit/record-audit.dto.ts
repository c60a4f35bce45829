import { ApiProperty } from '@nestjs/swagger';
import { PaginazioneDto, ProvaInclusioneDto, RecordAuditDto } from '../http/risposte-condivise.dto.js';

/** GET /audit: a page of records, the filters that selected it (parameter → value) and the cursor. */
export class PaginaAuditDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { cig: 'A01B2C3D4E' }, description: 'I filtri applicati, per nome del parametro' })
  criteri!: Record<string, string>;
  @ApiProperty({ type: [RecordAuditDto] }) risultati!: RecordAuditDto[];
  @ApiProperty({ type: PaginazioneDto }) pagina!: PaginazioneDto;
}

/** GET /audit/inclusione: the proofs of the records asked, against one signed head. */
export class DocumentoInclusioneDto {
  @ApiProperty({ example: 'cig-ledger/audit-inclusione/v1' }) formato!: string;
  @ApiProperty({ allOf: [{ $ref: '#/components/schemas/TestaFirmata' }] }) testa!: object;
  @ApiProperty({ type: [ProvaInclusioneDto] }) prove!: ProvaInclusioneDto[];
}
