import { Module } from '@nestjs/common';
import { ImportController } from './importa/importa-cig-anac.controller.js';
import { ImportaCigAnacHandler } from './importa/importa-cig-anac.handler.js';

/** The import of ANAC's open data `cig` dataset (POST /admin/import), a command through the bus. */
@Module({
  controllers: [ImportController],
  providers: [ImportaCigAnacHandler],
})
export class ImportModule {}
