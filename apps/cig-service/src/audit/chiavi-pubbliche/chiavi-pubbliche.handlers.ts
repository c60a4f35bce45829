import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LettoreParametri } from '#read-models';
import { CHIAVI, idChiaveDaPem, type Chiavi } from '../../security/chiavi.js';
import { ChiavePubblica, ChiaviTeste, type DocumentoChiavi } from './chiavi-pubbliche.queries.js';

@QueryHandler(ChiavePubblica)
export class ChiavePubblicaHandler implements IQueryHandler<ChiavePubblica> {
  constructor(@Inject(CHIAVI) private readonly chiavi: Chiavi) {}

  async execute({ parametri, accept }: ChiavePubblica): Promise<DocumentoChiavi> {
    const p = new LettoreParametri(parametri, ['formato'], 'audit');
    const formato = p.scelta('formato', ['json', 'pem'] as const) ?? (/application\/x-pem-file/i.test(accept ?? '') ? 'pem' : 'json');
    p.verifica();
    const firma = this.chiavi.firmaAudit;
    if (formato === 'pem') return { formato, testo: firma.chiavePubblicaPem, file: `chiave-audit-${firma.chiave.replace(/[^\w.-]/g, '')}.pem` };
    return { formato, corpo: { algoritmo: 'Ed25519', chiave: firma.chiave, chiavePubblica: firma.chiavePubblicaPem } };
  }
}

@QueryHandler(ChiaviTeste)
export class ChiaviTesteHandler implements IQueryHandler<ChiaviTeste> {
  constructor(@Inject(CHIAVI) private readonly chiavi: Chiavi) {}

  async execute({ parametri }: ChiaviTeste): Promise<DocumentoChiavi> {
    const p = new LettoreParametri(parametri, ['formato'], 'audit');
    const formato = p.scelta('formato', ['json', 'pem'] as const) ?? 'json';
    p.verifica();
    const pem = this.chiavi.chiaviPubblicheAudit;
    if (formato === 'pem') return { formato, testo: pem.map((k) => k.trim()).join('\n') + '\n', file: 'chiavi-audit.pem' };
    return { formato, corpo: { algoritmo: 'Ed25519', chiavi: pem.map((k, i) => ({ chiave: idChiaveDaPem(k), chiavePubblica: k, inUso: i === 0 })) } };
  }
}
