import type { Utente } from '#domain';
import type { Attore, Ruolo } from '#platform';
import { ESITO, type Ambiente, type CommandIo, type RegistraComando } from '../programma.js';

export interface OpzioniToken {
  readonly utente: string;
  readonly ruolo?: string;
  readonly ufficio?: string;
  readonly ore?: string;
}

export const registraToken: RegistraComando = (programma, c) => {
  programma
    .command('token')
    .description("un token di sviluppo per un utente dell'anagrafica di prova (ANAGRAFICA_SEED_FILE)")
    .requiredOption('--utente <userId>', "l'utente, per esempio francesca.bianchi")
    .option('--ruolo <ruoli>', "ruoli separati da virgole (predefiniti: quelli dell'utente)")
    .option('--ufficio <codice>', "l'ufficio (predefinito: quello dell'utente)")
    .option('--ore <n>', 'durata in ore, fino a 720 (predefinita: 8)')
    .addHelpText('after', '\nFirmato con la chiave di sviluppo in DATA_DIR/keys, la stessa del servizio.\nCodici di uscita: 0 stampato, 1 utente sconosciuto, 2 uso errato.')
    .action((opzioni: OpzioniToken) => c.esegui(() => tokenCommand(opzioni, c.io, c.env)));
};

/**
 * `npm run cli -- token --utente francesca.bianchi`: a development token for a user of the seed
 * directory, signed with the development key in DATA_DIR/keys (created if missing, the same one
 * the service uses). For trying the API without an identity provider.
 */
export async function tokenCommand(opzioni: OpzioniToken, io: CommandIo, env: Ambiente = process.env): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const { loadConfig, loadOrCreateDevKeys, mintDevToken, RUOLI } = await import('#platform');
  const config = loadConfig(env);
  const seed = JSON.parse(await readFile(config.ANAGRAFICA_SEED_FILE, 'utf8')) as { utenti: Utente[] };
  const utente = seed.utenti.find((u) => u.userId === opzioni.utente);
  if (!utente) {
    io.err(`utente ${opzioni.utente} non presente in ${config.ANAGRAFICA_SEED_FILE}; utenti: ${seed.utenti.map((u) => u.userId).join(', ')}`);
    return ESITO.FALLITO;
  }
  const ruoli = opzioni.ruolo?.split(',') ?? utente.ruoli;
  const ignoti = ruoli.filter((r) => !(RUOLI as readonly string[]).includes(r));
  if (ignoti.length > 0) {
    io.err(`ruoli sconosciuti: ${ignoti.join(', ')} (ammessi: ${RUOLI.join(', ')})`);
    return ESITO.USO;
  }
  const ore = Number(opzioni.ore ?? 8);
  if (!Number.isFinite(ore) || ore <= 0 || ore > 24 * 30) {
    io.err('--ore: un numero di ore tra 0 e 720');
    return ESITO.USO;
  }
  const attore: Attore = {
    userId: utente.userId,
    nome: utente.nome,
    codiceFiscale: utente.codiceFiscale,
    ruoli: ruoli as Ruolo[],
    ufficio: opzioni.ufficio ?? utente.ufficio,
    centriDiCosto: utente.centriDiCosto,
    stazioneAppaltante: utente.sa,
  };
  const keys = await loadOrCreateDevKeys(config.DATA_DIR);
  io.out(await mintDevToken(keys, attore, { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, ttlSeconds: Math.round(ore * 3600) }));
  return ESITO.OK;
}
