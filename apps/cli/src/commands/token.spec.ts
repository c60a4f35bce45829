import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { loadOrCreateDevKeys, TokenVerifier } from '#platform';
import { COMANDI } from '../comandi.js';
import { eseguiCli } from '../programma.js';

describe('cli token', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cli-token-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await eseguiCli(['token', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) }, { DATA_DIR: dataDir }, COMANDI);
    return { code, out, err };
  };

  it('mints a token for a seed user that the service accepts', async () => {
    const { code, out } = await run('--utente', 'francesca.bianchi');
    expect(code).toBe(0);
    const keys = await loadOrCreateDevKeys(dataDir);
    const verifier = new TokenVerifier({ issuer: 'cig-ledger-dev', audience: 'cig-ledger', clockToleranceSeconds: 5, keys: { publicKeyPem: keys.publicKeyPem } });
    expect(await verifier.verify(out[0])).toMatchObject({ userId: 'francesca.bianchi', ruoli: ['BUYER'], ufficio: 'UFF-TOSCANA-GARE', stazioneAppaltante: '01386030488' });
  });

  it('takes other roles and lifetime', async () => {
    const { out } = await run('--utente=paola.neri', '--ruolo', 'AUDITOR,RPCT', '--ore', '1');
    const claims = decodeJwt(out[0]);
    expect(claims.roles).toEqual(['AUDITOR', 'RPCT']);
    expect((claims.exp as number) - (claims.iat as number)).toBe(3600);
  });

  it('refuses unknown users and roles, and says how to use it', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('--utente', 'nessuno')).code).toBe(1);
    const ruolo = await run('--utente', 'francesca.bianchi', '--ruolo', 'CAPO');
    expect(ruolo.code).toBe(2);
    expect(ruolo.err[0]).toMatch(/ruoli sconosciuti: CAPO/);
  });
});
