import { Module } from '@nestjs/common';
import { CercaCpvController } from './cerca-cpv/cerca-cpv.controller.js';
import { CercaCpvHandler } from './cerca-cpv/cerca-cpv.handler.js';

/** ANAC's code lists (tipologiche) as the forms look them up, by use case: cerca-cpv (query). */
@Module({ controllers: [CercaCpvController], providers: [CercaCpvHandler] })
export class TipologicheModule {}
