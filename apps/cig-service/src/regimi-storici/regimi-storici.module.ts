import { Module } from '@nestjs/common';
import { ImportController } from './import.controller.js';

/**
 * The import of ANAC's open data.
 */
@Module({
  controllers: [ImportController],
})
export class RegimiStoriciModule {}
