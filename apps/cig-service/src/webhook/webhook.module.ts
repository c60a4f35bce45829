import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { AnagraficaModule } from '../anagrafica/anagrafica.module.js';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { CifraSegreti } from './cifra-segreti.js';
import { webhookOutbox } from './webhook.consumer.js';
import { WebhookController } from './webhook.controller.js';
import { WebhookService } from './webhook.service.js';
import { WebhookWorker } from './webhook-worker.js';

/** Events out: the outbox consumer, the delivery worker and the administrators' routes. */
@Module({
  imports: [AnagraficaModule],
  controllers: [WebhookController],
  providers: [
    WebhookService,
    WebhookWorker,
    {
      provide: CifraSegreti,
      inject: [RUNTIME],
      useFactory: (runtime: Runtime) => CifraSegreti.carica({ chiave: runtime.config.WEBHOOK_SECRETS_KEY, dataDir: runtime.config.DATA_DIR }),
    },
  ],
})
export class WebhookModule implements OnModuleInit {
  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly worker: WebhookWorker,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onModuleInit(): void {
    this.consumers.register(webhookOutbox(() => this.runtime.wallClock.now(), () => this.worker.svegliati()));
  }
}
