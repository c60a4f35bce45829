import { generateKeyPairSync } from 'node:crypto';
import type { QueryBus } from '@nestjs/cqrs';
import { FirmaAudit } from '#read-models';
import { CHIAVI, idChiaveDaPem, type Chiavi } from '../security/chiavi.js';
import { ChiavePubblicaHandler, ChiaviTesteHandler } from './chiavi-pubbliche/chiavi-pubbliche.handlers.js';
import { ChiavePubblica, ChiaviTeste } from './chiavi-pubbliche/chiavi-pubbliche.queries.js';
import { moduloCqrs } from '../testing/modulo-cqrs.js';

/** The audit trail's key documents through Nest's QueryBus (no HTTP, no database): JSON or PEM, bad parameters named. */
describe('audit public keys through the QueryBus', () => {
  const chiave = () => generateKeyPairSync('ed25519').privateKey;
  const firma = new FirmaAudit(chiave());
  const precedente = new FirmaAudit(chiave()).chiavePubblicaPem;
  let query: QueryBus;

  beforeAll(async () => {
    const chiavi = { firmaAudit: firma, chiaviPubblicheAudit: [firma.chiavePubblicaPem, precedente] } as unknown as Chiavi;
    ({ query } = await moduloCqrs({ providers: [{ provide: CHIAVI, useValue: chiavi }, ChiavePubblicaHandler, ChiaviTesteHandler] }));
  });

  it('the checkpoints key: JSON by default, the PEM file when asked by parameter or by Accept', async () => {
    expect(await query.execute(new ChiavePubblica({}, undefined))).toEqual({ formato: 'json', corpo: { algoritmo: 'Ed25519', chiave: firma.chiave, chiavePubblica: firma.chiavePubblicaPem } });
    const pem = { formato: 'pem', testo: firma.chiavePubblicaPem, file: `chiave-audit-${firma.chiave}.pem` };
    expect(await query.execute(new ChiavePubblica({ formato: 'pem' }, undefined))).toEqual(pem);
    expect(await query.execute(new ChiavePubblica({}, 'application/x-pem-file'))).toEqual(pem);
    expect(await query.execute(new ChiavePubblica({ formato: 'json' }, 'application/x-pem-file'))).toMatchObject({ formato: 'json' });
  });

  it("the heads' keyring: the key in use first, then the earlier ones; as one PEM file", async () => {
    expect(await query.execute(new ChiaviTeste({}))).toEqual({
      formato: 'json',
      corpo: {
        algoritmo: 'Ed25519',
        chiavi: [
          { chiave: firma.chiave, chiavePubblica: firma.chiavePubblicaPem, inUso: true },
          { chiave: idChiaveDaPem(precedente), chiavePubblica: precedente, inUso: false },
        ],
      },
    });
    expect(await query.execute(new ChiaviTeste({ formato: 'pem' }))).toEqual({ formato: 'pem', testo: `${firma.chiavePubblicaPem.trim()}\n${precedente.trim()}\n`, file: 'chiavi-audit.pem' });
  });

  it('an unknown format or parameter is refused naming it', async () => {
    await expect(query.execute(new ChiaviTeste({ formato: 'der' }))).rejects.toMatchObject({ kind: 'invalid', errors: [expect.objectContaining({ campo: 'query.formato' })] });
    await expect(query.execute(new ChiavePubblica({ chiave: 'x' }, undefined))).rejects.toMatchObject({ kind: 'invalid', errors: [expect.objectContaining({ campo: 'query.chiave' })] });
  });
});
