import { Query } from '@nestjs/cqrs';
import type { cercaCpv } from '#domain';

/** ANAC's CPV list (tipologica CPV) searched by words of the description or leading digits, the most general first. */
export class CercaCpv extends Query<ReturnType<typeof cercaCpv>> {
  constructor(
    readonly testo: string,
    readonly limite: number,
  ) {
    super();
  }
}
