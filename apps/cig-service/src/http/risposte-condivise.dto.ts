import { ApiProperty } from '@nestjs/swagger';

/**
 * Response schemas more than one area answers with: the audit record (in the trail's pages and in
 * the CIG's history proofs), the cursor pagination of the listings, and the property options of
 * text-or-null and instants.
 */

/** The @ApiProperty options the response DTOs of every area share. */
export const TESTO_O_NULL = { type: String, nullable: true } as const;
export const DATA_ORA = { type: String, format: 'date-time' } as const;
const HASH = { type: String, pattern: '^[0-9a-f]{64}$' } as const;
const DECIMALE = { type: String, pattern: '^\\d+$' } as const;

/**
 * One record of the audit trail (docs/audit.md): who did what, when, why, in which request, chained by
 * hash. Every value is text or null, so that its canonical JSON is unambiguous.
 */
export class RecordAuditDto {
  @ApiProperty({ ...DECIMALE, description: 'Numero progressivo del record (decimale)', example: '42' }) seq!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ description: 'Posizione dell’evento nel registro degli eventi' }) posizione!: string;
  @ApiProperty({ example: 'appalto-2f0c…' }) streamId!: string;
  @ApiProperty(DECIMALE) revisione!: string;
  @ApiProperty({ example: 'CigAssegnato', description: 'Tipo dell’evento registrato' }) tipo!: string;
  @ApiProperty(TESTO_O_NULL) appaltoId!: string | null;
  @ApiProperty(TESTO_O_NULL) cig!: string | null;
  @ApiProperty({ ...TESTO_O_NULL, description: 'userId di chi ha agito' }) attore!: string | null;
  @ApiProperty(TESTO_O_NULL) ruolo!: string | null;
  @ApiProperty(TESTO_O_NULL) ufficio!: string | null;
  @ApiProperty(TESTO_O_NULL) codiceFiscale!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) effettivoIl!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) registratoIl!: string | null;
  @ApiProperty(TESTO_O_NULL) motivazione!: string | null;
  @ApiProperty(TESTO_O_NULL) correlationId!: string | null;
  @ApiProperty(TESTO_O_NULL) causationId!: string | null;
  @ApiProperty(TESTO_O_NULL) idempotencyKey!: string | null;
  @ApiProperty({ ...HASH, description: 'SHA-256 dei dati dell’evento' }) datiHash!: string;
  @ApiProperty(HASH) hashPrecedente!: string;
  @ApiProperty({ ...HASH, description: 'SHA-256 del JSON canonico del record senza `hash`' }) hash!: string;
}

/** The inclusion proof of one record against a signed head (RFC 9162 §2.1.3). */
export class ProvaInclusioneDto {
  @ApiProperty({ type: RecordAuditDto }) record!: RecordAuditDto;
  @ApiProperty({ type: Number, format: 'int64', minimum: 0, description: 'Indice della foglia (seq − 1)' }) indice!: number;
  @ApiProperty({ type: [String], description: 'Il percorso di verifica, hash esadecimali dalla foglia alla radice' }) prova!: string[];
}

/** The cursor of a page: its size and the cursor of the next one. */
export class PaginazioneDto {
  @ApiProperty({ type: Number, format: 'int32', minimum: 1, example: 20 }) limite!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Cursore della pagina successiva (parametro `cursore`); null all’ultima' }) successiva!: string | null;
}
