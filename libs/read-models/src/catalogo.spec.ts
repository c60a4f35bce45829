import { proiezioniRicostruibili } from './catalogo.js';

describe('the catalogue of projections: how each commits', () => {
  it('the read models rebuilt from the log commit without waiting for the disk; the audit log, whose signed heads are handed out as final, waits', () => {
    const firma = { chiave: 'k', firma: () => '' } as never;
    const modi = Object.fromEntries(proiezioniRicostruibili({ firma, ogni: 100 }).map((p) => [p.consumer.name, p.consumer.asyncCommit === true]));
    expect(modi).toEqual({ listing: true, trasmissioni: true, carnet: true, audit: false });
  });
});
