import { Controller, Delete, Get, HttpCode, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SimulatorAdmin } from '../admin/simulator-admin.js';
import { FaultOptionError } from '../faults/fault-plan.js';
import { ADMIN } from './tokens.js';

/**
 * `/__admin`: the simulator's own control API (not part of ANAC's interface). Same operations
 * as `SimulatorAdmin`; bodies are JSON with the same option names. Bad options → 400.
 */
@Controller('__admin')
export class AdminController {
  constructor(@Inject(ADMIN) private readonly admin: SimulatorAdmin) {}

  @Get('state') state() {
    return { appalti: this.admin.appalti(), countByCodiceAppalto: this.admin.countByCodiceAppalto() };
  }
  @Delete('state') @HttpCode(204) resetState() { this.admin.resetState(); }
  @Get('legacy') legacy() { return this.admin.legacy(); }
  @Post('legacy/esito-annullamento') esitoAnnullamento(@Req() req: Request, @Res() res: Response) {
    this.apply(req, res, (b) => this.admin.esitoAnnullamento(b), () => ({ ok: true }));
  }

  @Get('calls') calls() { return this.admin.calls(); }
  @Delete('calls') @HttpCode(204) clearCalls() { this.admin.clearCalls(); }

  @Get('faults') faults() { return this.admin.faults(); }
  @Delete('faults') @HttpCode(204) resetFaults() { this.admin.resetFaults(); }

  @Post('faults/outage') outage(@Req() req: Request, @Res() res: Response) { this.apply(req, res, (b) => this.admin.outage(b)); }
  @Delete('faults/outage') @HttpCode(204) clearOutages() { this.admin.clearOutages(); }
  @Post('faults/latency') latency(@Req() req: Request, @Res() res: Response) { this.apply(req, res, (b) => this.admin.latency(b)); }
  @Post('faults/too-many-requests') tooMany(@Req() req: Request, @Res() res: Response) { this.apply(req, res, (b) => this.admin.tooManyRequests(b)); }
  @Post('faults/ko') ko(@Req() req: Request, @Res() res: Response) { this.apply(req, res, (b) => this.admin.programKo(b)); }
  @Post('faults/crash-after-commit') crash(@Req() req: Request, @Res() res: Response) { this.apply(req, res, (b) => this.admin.crashAfterCommit(b)); }
  @Post('faults/long-wait') longWait(@Req() req: Request, @Res() res: Response) { this.apply(req, res, (b) => this.admin.longWait(b)); }
  @Post('end-waits') endWaits(@Req() req: Request, @Res() res: Response) {
    this.apply(req, res, (b) => this.admin.endWaits(b), (rilasciate) => ({ rilasciate }));
  }
  @Post('faults/empty-esiti') emptyEsiti(@Req() req: Request, @Res() res: Response) { this.apply(req, res, (b) => this.admin.emptyEsiti(b)); }

  @Get('timings') timings() { return this.admin.timings(); }
  @Patch('timings') setTimings(@Req() req: Request, @Res() res: Response) {
    this.apply(req, res, (b) => this.admin.setTimings(b), (t) => t);
  }

  /** Parses the JSON body, applies it, answers 200 with the new faults (or `risultato`), 400 on bad input. */
  private apply<T>(req: Request, res: Response, action: (body: any) => T, risultato?: (value: T) => unknown): void {
    try {
      const raw = typeof req.body === 'string' ? req.body.trim() : '';
      const value = action(raw === '' ? {} : JSON.parse(raw));
      res.status(200).json(risultato ? risultato(value) : this.admin.faults());
    } catch (error) {
      if (!(error instanceof FaultOptionError || error instanceof SyntaxError || error instanceof RangeError || error instanceof TypeError)) throw error;
      res.status(400).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, detail: error.message }));
    }
  }
}
