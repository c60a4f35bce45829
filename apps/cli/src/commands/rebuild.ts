import { ESITO, type Ambiente, type CommandIo, type RegistraComando } from '../programma.js';
import { Barra } from './barra.js';
import { conContesto, firmaDaConfig } from './contesto-cli.js';

export const registraRebuild: RegistraComando = (programma, c) => {
  programma
    .command('rebuild')
    .description('ricostruisce una proiezione dagli eventi e la sostituisce a quella in uso')
    .argument('<proiezione>', 'listing, trasmissioni, audit, …')
    .option('--batch <n>', 'eventi per pagina, da 1 a 50000')
    .addHelpText('after', '\nIl servizio, se acceso, continua a rispondere dalle tabelle in uso fino allo scambio.\nCodici di uscita: 0 scambiata, 1 non riuscita o già in corso, 2 uso errato.')
    .action((nome: string, opzioni: { batch?: string }) => c.esegui(() => rebuildCommand(nome, opzioni, c.io, c.env)));
};

/**
 * `rebuild <name>`: rebuilds a projection from position 0 into shadow tables and swaps them in
 * when caught up, while the service (if running) keeps answering from the live ones. Progress
 * with ETA on stderr. Exit code: 0 swapped in, 1 failed or already rebuilding, 2 usage.
 */
export async function rebuildCommand(nome: string, opzioni: { batch?: string }, io: CommandIo, env: Ambiente = process.env): Promise<number> {
  const batch = opzioni.batch !== undefined ? Number(opzioni.batch) : undefined;
  if (batch !== undefined && !(Number.isInteger(batch) && batch > 0 && batch <= 50_000)) {
    io.err('--batch: un numero intero tra 1 e 50000');
    return ESITO.USO;
  }
  const { proiezioniRicostruibili, ricostruisci, RicostruzioneInCorso } = await import('#read-models');
  return conContesto(env, io, async (c, config) => {
    const proiezioni = proiezioniRicostruibili({
      firma: await firmaDaConfig(config),
      ogni: config.AUDIT_CHECKPOINT_EVERY,
      sthOgni: config.AUDIT_STH_EVERY,
      sthSecondi: config.AUDIT_STH_SECONDS,
    });
    const proiezione = proiezioni.find((p) => p.consumer.name === nome);
    if (!proiezione) {
      io.err(`proiezione sconosciuta: ${nome} (ricostruibili: ${proiezioni.map((p) => p.consumer.name).join(', ')})`);
      return ESITO.USO;
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
      return ESITO.OK;
    } catch (error) {
      barra.fine(`${nome}: ricostruzione non riuscita, tabelle in uso intatte`);
      io.err(error instanceof RicostruzioneInCorso ? error.message : `errore: ${error instanceof Error ? error.message : String(error)}`);
      return ESITO.FALLITO;
    }
  });
}
