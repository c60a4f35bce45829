import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { nonTrovato } from '#domain';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { Permesso } from '../security/auth.guard.js';
import { RicostruzioniService } from './ricostruzioni.service.js';

/** Projections and their rebuilds (administrators: DESIGN §5 "replay and rebuild are for administrators"). */
@ApiTags('amministrazione')
@ApiBearerAuth()
@Controller('admin/projections')
export class ProiezioniAdminController {
  constructor(
    private readonly ricostruzioni: RicostruzioniService,
    private readonly consumers: ConsumerRegistry,
  ) {}

  @Get()
  @Permesso('admin.proiezioni')
  @ApiOperation({ summary: 'Le proiezioni ricostruibili: posizione, allineamento, ultima ricostruzione su questa istanza' })
  elenco() {
    return this.ricostruzioni.nomi().map((nome) => {
      const s = this.consumers.get(nome)?.status();
      return { nome, posizione: s?.position ?? null, attiva: s?.active ?? false, allineata: s?.caughtUp ?? false, ricostruzione: this.ricostruzioni.stato(nome) ?? null };
    });
  }

  @Post(':name/rebuild')
  @Permesso('admin.proiezioni')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ricostruisce la proiezione dalla posizione 0 in tabelle ombra, scambiate quando allineate; intanto le interrogazioni rispondono' })
  async ricostruisci(@Param('name') nome: string) {
    const stato = await this.ricostruzioni.avvia(nome);
    return { ...stato, stato: `/admin/projections/${encodeURIComponent(nome)}/rebuild` };
  }

  @Get(':name/rebuild')
  @Permesso('admin.proiezioni')
  @ApiOperation({ summary: "Avanzamento dell'ultima ricostruzione avviata su questa istanza (fase, eventi, eventi/s, ETA)" })
  avanzamento(@Param('name') nome: string) {
    if (!this.ricostruzioni.nomi().includes(nome)) throw nonTrovato('PROIEZIONE_SCONOSCIUTA', `Proiezione ${nome} sconosciuta`);
    const stato = this.ricostruzioni.stato(nome);
    if (!stato) throw nonTrovato('NESSUNA_RICOSTRUZIONE', `Nessuna ricostruzione di ${nome} avviata su questa istanza`);
    return stato;
  }
}
