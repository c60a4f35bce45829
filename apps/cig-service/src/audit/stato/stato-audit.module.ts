import { Module } from '@nestjs/common';
import { StatoAuditController } from './stato-audit.controller.js';
import { StatoAuditHandler } from './stato-audit.handler.js';

/** GET /audit/stato: its controller and query handler. */
@Module({ controllers: [StatoAuditController], providers: [StatoAuditHandler] })
export class StatoAuditModule {}
