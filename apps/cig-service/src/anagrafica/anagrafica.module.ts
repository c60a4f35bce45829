import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { AnagraficaController } from './anagrafica.controller.js';
import { AnagraficaService } from './anagrafica.service.js';
import { Titolari } from './titolari.js';
import { IdentitaInAnagrafica } from '../security/identita-in-anagrafica.js';

@Module({ controllers: [AnagraficaController], providers: [AnagraficaService, Titolari, IdentitaInAnagrafica], exports: [AnagraficaService, Titolari, IdentitaInAnagrafica] })
export class AnagraficaModule implements OnModuleInit {
  constructor(
    private readonly anagrafica: AnagraficaService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.anagrafica.caricaSeedSeVuota(this.runtime.config.ANAGRAFICA_SEED_FILE, this.runtime.logger);
  }
}
