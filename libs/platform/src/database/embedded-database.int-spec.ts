import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDatabase } from './embedded-database.js';

/** When the server cannot start, the error says why in the server's own words, not only that it did not. */
describe('embedded PostgreSQL that cannot start', () => {
  let cartella: string;
  let occupante: Server;
  let porta: number;
  beforeAll(async () => {
    cartella = mkdtempSync(join(tmpdir(), 'cig-pg-occupata-'));
    chmodSync(cartella, 0o755);
    occupante = createServer();
    await new Promise<void>((resolve) => occupante.listen(0, '127.0.0.1', resolve));
    porta = (occupante.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => occupante.close(resolve));
    rmSync(cartella, { recursive: true, force: true });
  });

  it('on a port another process listens on: names the port and quotes the server', async () => {
    const avvio = startEmbeddedDatabase({ dataDir: join(cartella, 'pg'), port: porta, database: 'prova' });
    await expect(avvio).rejects.toThrow(new RegExp(`did not start on port ${porta} .*the server said: .*(Address already in use|could not bind|could not create any TCP/IP sockets)`));
  }, 60_000);
});
