import { Module } from '@nestjs/common';
import { ID_GENERATOR, type AppConfig, type IdGenerator } from '#platform';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { AnacSimog, createSimogGateway, SIMOG_GATEWAY } from './anac-simog.js';
import { CigLoader } from './cig-loader.js';
import { ComandoSuCig } from './comando-su-cig.js';
import { TrasmissioniSimog } from './trasmissioni-simog.js';

/**
 * What the SIMOG, SmartCIG and carnet areas share: ANAC's SIMOG web services (the SimogGateway
 * port, the simulator by default) with their transmission log, and the loading of a CIG's stream.
 */
@Module({
  providers: [
    { provide: SIMOG_GATEWAY, inject: [APP_CONFIG, ID_GENERATOR], useFactory: (config: AppConfig, ids: IdGenerator) => createSimogGateway(config, ids) },
    AnacSimog, TrasmissioniSimog, CigLoader, ComandoSuCig,
  ],
  exports: [AnacSimog, TrasmissioniSimog, CigLoader, ComandoSuCig],
})
export class AnacSimogModule {}
