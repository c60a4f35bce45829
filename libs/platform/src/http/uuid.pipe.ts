import { type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ProblemException } from './problem.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path or query parameter that must be a UUID (`@Param('id', UuidPipe)`): 400 `ID_NON_VALIDO`
 * naming the parameter, in Italian (Nest's ParseUUIDPipe answers "Validation failed (uuid is expected)").
 */
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && UUID.test(value)) return value;
    const campo = metadata.type === 'query' ? `query.${metadata.data ?? ''}` : (metadata.data ?? 'id');
    const messaggio = 'non è un identificativo valido (atteso un UUID, es. 7d1f5a3e-0000-4000-8000-000000000001)';
    throw ProblemException.badRequest('ID_NON_VALIDO', `${campo}: ${messaggio}`, [{ campo, messaggio, codice: 'ID_NON_VALIDO' }]);
  }
}
