import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import type { Runtime } from './infrastructure/runtime.js';
import { OpsModule } from './ops/ops.module.js';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { AuthGuard } from './security/auth.guard.js';
import { AnagraficaModule } from './anagrafica/anagrafica.module.js';
import { AnacModule } from './anac/anac.module.js';
import { AppaltiModule } from './appalti/appalti.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ConsultazioneModule } from './consultazione/consultazione.module.js';
import { CarnetModule } from './carnet/carnet.module.js';
import { ImportModule } from './import/import.module.js';
import { ScadenzeModule } from './scadenze/scadenze.module.js';
import { SimogModule } from './simog/simog.module.js';
import { SmartCigModule } from './smart-cig/smart-cig.module.js';
import { ConsoleModule } from './console/console.module.js';
import { WebhookModule } from './webhook/webhook.module.js';
import { StatoAuditModule } from './audit/stato/stato-audit.module.js';
import { TipologicheModule } from './tipologiche/tipologiche.module.js';

@Module({})
export class AppModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...runtime.config })] }),
        CqrsModule.forRoot(),
        InfrastructureModule.forRuntime(runtime),
        AnagraficaModule, // global: the areas reading the directory get its exports without importing it
        TipologicheModule,
        AnacModule,
        ConsultazioneModule, // before AppaltiModule: GET /cig/export.csv must not reach GET /cig/:cig
        AppaltiModule,
        AuditModule,
        SimogModule,
        SmartCigModule,
        CarnetModule,
        ImportModule,
        ScadenzeModule,
        ConsoleModule,
        WebhookModule,
        StatoAuditModule,
        OpsModule,
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
    };
  }
}
