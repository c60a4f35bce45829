import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Ricevuta {
  readonly headers: IncomingHttpHeaders;
  readonly corpo: string;
  readonly json: { id: string; tipo: string; appaltoId: string | null; ufficio: string | null; posizione: string };
  readonly risposta: number;
}

/**
 * A local HTTP receiver of webhooks on a fixed loopback port, which can be down (nothing listens:
 * connection refused) and come up later; `risposta` decides the status of each request it records.
 */
export class RicevitoreWebhook {
  readonly ricevute: Ricevuta[] = [];
  private server: Server | undefined;
  risposta: (n: number, json: Ricevuta['json']) => number = () => 204;
  /** Milliseconds before answering (the request is recorded at once): a slow app. */
  ritardoMs = 0;

  private constructor(readonly porta: number) {}

  /** A receiver with a free port, not listening yet. */
  static async giu(): Promise<RicevitoreWebhook> {
    const prova = createServer();
    await new Promise<void>((resolve) => prova.listen(0, '127.0.0.1', resolve));
    const porta = (prova.address() as AddressInfo).port;
    await new Promise<void>((resolve) => prova.close(() => resolve()));
    return new RicevitoreWebhook(porta);
  }

  get url(): string {
    return `http://127.0.0.1:${this.porta}/eventi`;
  }

  async su(): Promise<void> {
    this.server = createServer((req, res) => {
      const parti: Buffer[] = [];
      req.on('data', (p: Buffer) => parti.push(p));
      req.on('end', () => {
        const corpo = Buffer.concat(parti).toString('utf8');
        const json = JSON.parse(corpo) as Ricevuta['json'];
        const risposta = this.risposta(this.ricevute.length, json);
        this.ricevute.push({ headers: req.headers, corpo, json, risposta });
        res.statusCode = risposta;
        if (this.ritardoMs > 0) setTimeout(() => res.end(), this.ritardoMs);
        else res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.porta, '127.0.0.1', resolve));
  }

  async chiudi(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  }
}
