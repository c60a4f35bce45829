import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDevKeys } from './dev-keys.js';
import { segretoInFile } from './segreto-in-file.js';

describe('segretoInFile: one secret for every process that shares the folder', () => {
  let cartella: string;
  beforeEach(() => {
    cartella = mkdtempSync(join(tmpdir(), 'segreto-'));
  });
  afterEach(() => rmSync(cartella, { recursive: true, force: true }));

  it('twenty concurrent first uses agree on the content of the first, and leave no temporary file', async () => {
    const file = join(cartella, 'keys', 'segreto.key');
    const letti = await Promise.all(Array.from({ length: 20 }, (_, i) => segretoInFile(file, async () => `segreto-${i}`)));
    expect(new Set(letti).size).toBe(1);
    expect(letti[0]).toMatch(/^segreto-\d+$/);
    expect(readdirSync(join(cartella, 'keys'))).toEqual(['segreto.key']);
    await expect(segretoInFile(file, () => 'altro')).resolves.toBe(letti[0]);
  });

  it('replicas starting together on one data folder get the same development key pair, its halves matching', async () => {
    const chiavi = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateDevKeys(cartella)));
    expect(new Set(chiavi.map((k) => k.privateKeyPem)).size).toBe(1);
    expect(new Set(chiavi.map((k) => k.publicKeyPem)).size).toBe(1);
    expect(createPublicKey(chiavi[0].privateKeyPem).export({ type: 'spki', format: 'pem' })).toBe(chiavi[0].publicKeyPem);
  });
});
