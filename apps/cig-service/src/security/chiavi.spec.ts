import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FirmaAudit, firmaTesta, portachiavi, verificaTesta } from '#read-models';
import type { AppConfig } from '#platform';
import { caricaChiavi, idChiaveDaPem } from './chiavi.js';

/** Key rotation: AUDIT_SIGNING_KEY_FILE is the new key, AUDIT_PREVIOUS_PUBLIC_KEYS_FILE the earlier public keys. */
describe('audit keys after a rotation', () => {
  const cartella = mkdtempSync(join(tmpdir(), 'chiavi-audit-'));
  afterAll(() => rmSync(cartella, { recursive: true, force: true }));
  const chiave = () => generateKeyPairSync('ed25519').privateKey;
  const configurazione = (config: Record<string, unknown>) => ({ DATA_DIR: cartella, NODE_ENV: 'test', LISTING_CURSOR_SECRET: 'segreto-dei-cursori-di-prova', ...config }) as unknown as AppConfig;

  it('the keyring holds the current key first and the earlier ones: heads signed before and after the rotation verify with it', async () => {
    const [vecchia, intermedia, nuova] = [chiave(), chiave(), chiave()];
    const fileNuova = join(cartella, 'nuova.pem');
    writeFileSync(fileNuova, nuova.export({ type: 'pkcs8', format: 'pem' }).toString());
    const filePrecedenti = join(cartella, 'precedenti.pem');
    writeFileSync(filePrecedenti, [vecchia, intermedia].map((k) => new FirmaAudit(k).chiavePubblicaPem).join(''));
    const chiavi = await caricaChiavi(configurazione({ AUDIT_SIGNING_KEY_FILE: fileNuova, AUDIT_PREVIOUS_PUBLIC_KEYS_FILE: filePrecedenti }));
    expect(chiavi.chiaviPubblicheAudit.map(idChiaveDaPem)).toEqual([nuova, vecchia, intermedia].map((k) => new FirmaAudit(k).chiave));
    const anello = portachiavi(chiavi.chiaviPubblicheAudit);
    const prima = firmaTesta(new FirmaAudit(vecchia), 10, 'a'.repeat(64), '2024-03-05T09:00:00.000Z');
    const dopo = firmaTesta(chiavi.firmaAudit, 20, 'b'.repeat(64), '2024-03-06T09:00:00.000Z');
    expect([verificaTesta(prima, anello), verificaTesta(dopo, anello)]).toEqual(['VALIDA', 'VALIDA']);
    expect(verificaTesta(prima, portachiavi([chiavi.firmaAudit.chiavePubblicaPem]))).toBe('CHIAVE_SCONOSCIUTA');
  });

  it('a previous-keys file without a PEM public key stops the start', async () => {
    const vuoto = join(cartella, 'vuoto.pem');
    writeFileSync(vuoto, 'nessuna chiave qui\n');
    await expect(caricaChiavi(configurazione({ AUDIT_PREVIOUS_PUBLIC_KEYS_FILE: vuoto }))).rejects.toThrow(/AUDIT_PREVIOUS_PUBLIC_KEYS_FILE/);
  });
});
