import { corpoWebhook, instradamentoDichiarato, type Instradamento } from './eventi-webhook.js';
import { vuole } from './webhook.consumer.js';

const nessuno = () => undefined;

describe('webhook routing: office and ordering key of each stream', () => {
  it('an appalto is keyed by its stream and belongs to the office that created it', () => {
    expect(instradamentoDichiarato({ streamId: 'appalto-a1', type: 'AppaltoCreato', data: { ufficio: 'UFF-A' } }, nessuno)).toEqual({ ufficio: 'UFF-A', chiave: 'appalto-a1' });
  });

  it("a PCP CIG joins its appalto's queue and office; a SIMOG or SmartCIG one carries its office in the request", () => {
    const noti = new Map<string, Instradamento>([['appalto-a1', { ufficio: 'UFF-A', chiave: 'appalto-a1' }]]);
    expect(instradamentoDichiarato({ streamId: 'cig-B1', type: 'CigAssegnato', data: { appaltoId: 'a1' } }, (f) => noti.get(f))).toEqual({ ufficio: 'UFF-A', chiave: 'appalto-a1' });
    expect(instradamentoDichiarato({ streamId: 'cig-X1', type: 'CigAssegnato', data: { appaltoId: 'g9', richiesta: { ufficio: 'UFF-B' } } }, nessuno)).toEqual({ ufficio: 'UFF-B', chiave: 'appalto-g9' });
  });

  it("a wait past the alarm threshold joins its appalto's queue and office", () => {
    const noti = new Map<string, Instradamento>([['appalto-a1', { ufficio: 'UFF-A', chiave: 'appalto-a1' }]]);
    const evento = { streamId: 'pratica-anac-a1', type: 'SogliaAttesaAnacSuperata', data: { appaltoId: 'a1' } };
    expect(instradamentoDichiarato(evento, (f) => noti.get(f))).toEqual({ ufficio: 'UFF-A', chiave: 'appalto-a1' });
    expect(instradamentoDichiarato(evento, nessuno)).toEqual({ ufficio: null, chiave: 'appalto-a1' });
  });

  it('a carnet is its own queue, of its holder office', () => {
    expect(instradamentoDichiarato({ streamId: 'carnet-CARNET-0000001', type: 'CarnetRilasciato', data: { titolare: { ufficio: 'UFF-C' } } }, nessuno)).toEqual({ ufficio: 'UFF-C', chiave: 'carnet-CARNET-0000001' });
    expect(instradamentoDichiarato({ streamId: 'carnet-CARNET-0000001', type: 'CarnetScaduto', data: {} }, nessuno)).toBeUndefined();
  });

  it('a subscription bound to an office receives only that office’s events; an unbound one every office’s', () => {
    const a = { ufficio: 'UFF-A', chiave: 'appalto-a1' };
    expect(vuole({ eventi: ['CigAssegnato'], ufficio: 'UFF-A' }, 'CigAssegnato', a)).toBe(true);
    expect(vuole({ eventi: ['CigAssegnato'], ufficio: 'UFF-B' }, 'CigAssegnato', a)).toBe(false);
    expect(vuole({ eventi: ['CigAssegnato'], ufficio: 'UFF-B' }, 'CigAssegnato', { ufficio: null, chiave: 'cig-Z' })).toBe(false);
    expect(vuole({ eventi: ['CigAssegnato'], ufficio: null }, 'CigAssegnato', a)).toBe(true);
    expect(vuole({ eventi: ['AppaltoPubblicato'], ufficio: null }, 'CigAssegnato', a)).toBe(false);
  });

  it('the body carries the event id, its position, the appalto and the office', () => {
    const corpo = corpoWebhook(
      { id: 'e1', type: 'CigAssegnato', position: 'p1' as never, streamId: 'cig-B1', revision: 0n, created: new Date('2024-01-15T10:00:00Z'), data: { cig: 'B1' }, metadata: { effectiveAt: '2024-01-15T10:00:00.000Z' } },
      { ufficio: 'UFF-A', chiave: 'appalto-a1' },
    );
    expect(corpo).toEqual({ id: 'e1', tipo: 'CigAssegnato', posizione: 'p1', flusso: 'cig-B1', revisione: 0, appaltoId: 'a1', ufficio: 'UFF-A', registratoIl: '2024-01-15T10:00:00.000Z', effettivoIl: '2024-01-15T10:00:00.000Z', dati: { cig: 'B1' } });
  });
});
