import { proiezioniRicostruibili, ricostruisci, RicostruzioneInCorso } from '#read-models';
import { Barra } from './barra.js';
import { conContesto, firmaDaConfig, type Ambiente } from './contesto-cli.js';
import { leggiOpzioni } from './opzioni.js';
import type { CommandIo } from './valida-cig.js';

const USO = 'uso: cli rebuild <proiezione> [--batch N]   (proiezioni: listing, trasmissioni, audit, …)';

/**
 * `rebuild <name>`: rebuilds a projection from position 0 into shadow tables and swaps them in
 * when caught up, while the service (if running) keeps answering from the live ones. Progress
 * with ETA on stderr. Exit code: 0 swapped in, 1 failed or already rebuilding, 2 usage.
 */
export async function rebuildCommand(args: string[], io: CommandIo, env: Ambiente = process.env): Promise<number> {
  const { opzioni, posizionali } = leggiOpzioni(args);
  const batch = opzioni.has('batch') ? Number(opzioni.get('batch')) : undefined;
  if (posizionali.length !== 1 || (batch !== undefined && !(Number.isInteger(batch) && batch > 0 && batch <= 50_000))) {
    io.err(USO);
    return 2;
  }
  const nome = posizionali[0];
  return conContesto(env, io, async (c, config) => {
    const proiezioni = proiezioniRicostruibili({ firma: await firmaDaConfig(config), ogni: config.AUDIT_CHECKPOINT_EVERY });
    const proiezione = proiezioni.find((p) => p.consumer.name === nome);
    if (!proiezione) {
      io.err(`proiezione sconosciuta: ${nome} (ricostruibili: ${proiezioni.map((p) => p.consumer.name).join(', ')})`);
      return 2;
    }
    const barra = Barra.perProcesso(io, 'eventi');
    try {
      const esito = await ricostruisci(proiezione, {
        pool: c.database.pool,
        store: c.store,
        checkpoints: c.checkpoints,
        batchSize: batch,
        progresso: (s) => barra.aggiornaQuota(s.frazione, s.eventi, s.fase),
      });
      barra.fine(`${nome}: ${esito.eventi} eventi riprodotti, tabelle scambiate (${Math.round(esito.eventiAlSecondo)} eventi/s)`);
      return 0;
    } catch (error) {
      barra.fine(`${nome}: ricostruzione non riuscita, tabelle in uso intatte`);
      io.err(error instanceof RicostruzioneInCorso ? error.message : `errore: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  });
}
