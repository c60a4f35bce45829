import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { AppConfig, Clock } from '#platform';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { APP_CONFIG, WALL_CLOCK } from '../infrastructure/tokens.js';
import { CifraSegreti } from './cifra-segreti.js';
import { ConsultaWebhookController } from './consulta/consulta.controller.js';
import { ElencaSottoscrizioniHandler, RegistroConsegneHandler } from './consulta/consulta.handlers.js';
import { EliminaSottoscrizioneController } from './elimina/elimina.controller.js';
import { EliminaSottoscrizioneHandler } from './elimina/elimina.handler.js';
import { RiproduciEventiController } from './riproduci/riproduci.controller.js';
import { RiproduciEventiHandler } from './riproduci/riproduci.handler.js';
import { SottoscriviController } from './sottoscrivi/sottoscrivi.controller.js';
import { SottoscriviHandler } from './sottoscrivi/sottoscrivi.handler.js';
import { webhookOutbox } from './webhook.consumer.js';
import { WebhookService } from './webhook.service.js';
import { WebhookWorker } from './webhook-worker.js';

/**
 * Events out: the outbox consumer, the delivery worker and the administrators' use cases
 * (sottoscrivi, consulta, elimina, riproduci), each a controller dispatching through the bus.
 */
@Module({
  controllers: [SottoscriviController, ConsultaWebhookController, EliminaSottoscrizioneController, RiproduciEventiController],
  providers: [
    WebhookService,
    WebhookWorker,
    SottoscriviHandler, ElencaSottoscrizioniHandler, RegistroConsegneHandler, EliminaSottoscrizioneHandler, RiproduciEventiHandler,
    {
      provide: CifraSegreti,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => CifraSegreti.carica({ chiave: config.WEBHOOK_SECRETS_KEY, dataDir: config.DATA_DIR }),
    },
  ],
})
export class WebhookModule implements OnModuleInit {
  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly worker: WebhookWorker,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
  ) {}

  onModuleInit(): void {
    this.consumers.register(webhookOutbox(() => this.wallClock.now(), () => this.worker.svegliati()));
  }
}
