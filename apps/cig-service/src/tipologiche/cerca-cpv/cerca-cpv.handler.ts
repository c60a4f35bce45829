import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { cercaCpv } from '#domain';
import { CercaCpv } from './cerca-cpv.query.js';

@QueryHandler(CercaCpv)
export class CercaCpvHandler implements IQueryHandler<CercaCpv> {
  async execute({ testo, limite }: CercaCpv): Promise<ReturnType<typeof cercaCpv>> {
    return cercaCpv(testo, limite);
  }
}
