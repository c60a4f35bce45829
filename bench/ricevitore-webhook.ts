/** A local HTTP receiver of webhooks for the benches: when each event first arrived, against when it was recorded. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { percentile } from './support.js';

export interface LatenzaConsegne {
  readonly eventi: number;
  readonly ripetizioni: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export class RicevitoreDiBench {
  /** Event id → ms from its recording (registratoIl) to its first arrival here. */
  private readonly latenze = new Map<string, number>();
  private ripetizioni = 0;

  private constructor(private readonly server: Server, readonly url: string) {}

  static async avvia(): Promise<RicevitoreDiBench> {
    let ricevitore: RicevitoreDiBench | undefined;
    const server = createServer((req, res) => {
      const parti: Buffer[] = [];
      req.on('data', (p: Buffer) => parti.push(p));
      req.on('end', () => {
        const arrivo = Date.now();
        try {
          const corpo = JSON.parse(Buffer.concat(parti).toString('utf8')) as { id: string; registratoIl: string };
          ricevitore!.registra(corpo.id, arrivo - new Date(corpo.registratoIl).getTime());
        } catch {
          // not an event: answered all the same
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    ricevitore = new RicevitoreDiBench(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/eventi`);
    return ricevitore;
  }

  private registra(id: string, ms: number): void {
    if (this.latenze.has(id)) this.ripetizioni++;
    else this.latenze.set(id, ms);
  }

  get ricevuti(): number {
    return this.latenze.size;
  }

  misura(): LatenzaConsegne {
    const valori = [...this.latenze.values()];
    return { eventi: valori.length, ripetizioni: this.ripetizioni, p50Ms: percentile(valori, 50), p95Ms: percentile(valori, 95), maxMs: valori.length ? Math.max(...valori) : 0 };
  }

  chiudi(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
