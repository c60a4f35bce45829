import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type EsitoVerifica, type ProblemaVerifica } from '../api/client.js';
import { naviga } from '../rotte.js';
import { tastieraSchede } from '../schede.js';
import { useEventiCig } from '../api/eventi.js';
import { CercaCpv, ModuloLotto, RupECentroDiCosto } from './moduli-appalto.js';
import { AzioniProcedura, Perfezionamento, SchedaProcedura, type Azioni } from './azioni-appalto.js';

const TAB = ['DATI DI GARA', 'CLASSIFICAZIONE', 'ELENCO LOTTI', 'PERFEZIONAMENTO', 'LOG TRASMISSIONI'] as const;
type Tab = (typeof TAB)[number];

/** Where the START screens show a problem of verifica: the section of the domain → its tab. */
const TAB_DI_SEZIONE: Record<string, Tab> = {
  'dati di gara': 'DATI DI GARA',
  'rup e centro di costo': 'DATI DI GARA',
  classificazione: 'CLASSIFICAZIONE',
  lotti: 'ELENCO LOTTI',
  aggiudicazioni: 'ELENCO LOTTI',
};
const tabDi = (p: ProblemaVerifica): Tab => TAB_DI_SEZIONE[p.sezione ?? ''] ?? 'DATI DI GARA';

type Dati = Record<string, unknown>;

/** Richiesta CIG: one appalto with the tabs of the START screens, the red markers of verifica, sending. */
export default function Appalto({ id }: { id: string }) {
  const [appalto, setAppalto] = useState<Dati | null>(null);
  const [trasmissioni, setTrasmissioni] = useState<unknown>(null);
  const [tab, setTab] = useState<Tab>('DATI DI GARA');
  const schede = tastieraSchede(TAB, tab, setTab, (t) => `tab-${t}`);
  const [verifica, setVerifica] = useState<EsitoVerifica | null>(null);
  const [cpv, setCpv] = useState('');
  const cpvRef = useRef<HTMLInputElement>(null);
  const [messaggio, setMessaggio] = useState<string | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  /** ELENCO LOTTI: the lot being changed, or 'nuovo' while adding one. */
  const [lottoAperto, setLottoAperto] = useState<string | null>(null);

  const ricarica = useCallback(async () => {
    try {
      setAppalto(await api.appalto(id));
      setTrasmissioni(await api.trasmissioni(id).catch(() => null));
    } catch (e) {
      setErrore((e as Error).message);
    }
  }, [id]);
  useEffect(() => {
    void ricarica();
  }, [ricarica]);

  const lotti = (appalto?.lotti as Dati[] | undefined) ?? [];
  /** What the service allows this user now (GET /appalti/:id `azioni`): the buttons shown. */
  const azioni = (appalto?.azioni as Azioni | undefined) ?? {};
  const ritiro = appalto?.ritiro as { motivo?: string; il?: string; richiestoDa?: { nome?: string } } | null | undefined;
  /** The operation being carried out with ANAC and how long ANAC has been awaited ("in attesa ANAC da 2 h 10 min"). */
  const attesa = appalto?.operazioneInCorso as { descrizioneAttesa?: string | null; allarme?: boolean; ultimoMessaggio?: string | null } | null | undefined;
  const inAttesa = appalto ? Boolean(appalto.operazioneInCorso) || lotti.some((l) => !l.cig) && appalto.stato !== 'BOZZA' : false;
  // A CIG of this appalto arrived or changed (GET /eventi): read it again at once.
  useEventiCig((e) => {
    if (e.appaltoId === id) void ricarica();
  });
  // While ANAC works, a slow look again as well, in case the live events are cut off (proxy, network).
  useEffect(() => {
    if (!inAttesa) return;
    const t = setInterval(() => void ricarica(), 15_000);
    return () => clearInterval(t);
  }, [inAttesa, ricarica]);

  /** A change of the draft from a form: errors go back to the form (it shows them by field). */
  const salva = async (f: () => Promise<unknown>, ok: string) => {
    setErrore(null);
    setMessaggio(null);
    await f();
    setMessaggio(ok);
    setVerifica(null);
    setLottoAperto(null);
    await ricarica();
  };
  const problemiDi = (t: Tab) => verifica?.problemi?.filter((p) => tabDi(p) === t) ?? [];
  const esegui = async (f: () => Promise<unknown>, ok: string) => {
    setErrore(null);
    setMessaggio(null);
    try {
      await f();
      setMessaggio(ok);
      await ricarica();
    } catch (e) {
      setErrore((e as Error).message);
    }
  };
  const verificaOra = async () => {
    setErrore(null);
    try {
      const v = await api.verifica(id);
      setVerifica(v);
      setMessaggio(v.esito === 'OK' ? 'Verifica superata: la richiesta può essere inviata.' : `Verifica: ${v.problemi?.length ?? 0} problemi da correggere.`);
      const primo = v.problemi?.[0];
      if (primo) setTab(tabDi(primo));
    } catch (e) {
      setErrore((e as Error).message);
    }
  };

  const campiConErrore = (t: Tab) =>
    problemiDi(t).length > 0 && (
      <ul className="list-unstyled" data-testid={`problemi-${t}`}>
        {problemiDi(t).map((p, i) => (
          <li key={i} className="marcatore-errore" data-campo={p.campo}>
            <span aria-hidden="true">● </span>
            {p.campo}: {p.messaggio} <span className="small">({p.codice})</span>
          </li>
        ))}
      </ul>
    );

  return (
    <section aria-labelledby="titolo-appalto">
      <a href="/console/cig" onClick={(e) => { e.preventDefault(); naviga('/console/cig'); }}>← Torna alla lista</a>
      <h1 id="titolo-appalto" className="mt-2">Richiesta CIG</h1>
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      {messaggio && <div className="alert alert-info" role="status">{messaggio}</div>}
      {appalto && (
        <>
          <p>
            Stato: <strong data-testid="stato-appalto">{String(appalto.stato ?? '')}</strong>
            {appalto.statoRichiesta ? <> — {String(appalto.statoRichiesta)}</> : null}
            {inAttesa && <> — <em>CIG in fase di acquisizione</em></>}
          </p>
          {ritiro && (
            <div className="alert alert-warning" role="status" data-testid="ritiro-richiesto">
              Ritiro richiesto{ritiro.richiestoDa?.nome ? ` da ${ritiro.richiestoDa.nome}` : ''}
              {ritiro.il ? ` il ${new Date(ritiro.il).toLocaleString('it-IT', { timeZone: 'Europe/Rome' })}` : ''}: {ritiro.motivo}. La richiesta sarà cancellata appena ANAC lo consente.
            </div>
          )}
          {attesa?.descrizioneAttesa && (
            <div className={`alert ${attesa.allarme ? 'alert-warning' : 'alert-info'}`} role="status" data-testid="attesa-anac">
              {attesa.descrizioneAttesa}
              {attesa.allarme ? ' — oltre la soglia di allarme' : ''}
              {attesa.ultimoMessaggio ? <> — ultimo messaggio: {attesa.ultimoMessaggio}</> : null}
            </div>
          )}
          <div className="d-flex gap-2 mb-3">
            <button type="button" className="btn btn-outline-primary" onClick={() => void verificaOra()}>VERIFICA</button>
            <button
              type="button"
              className="btn btn-primary"
              disabled={appalto.stato !== 'BOZZA'}
              onClick={() => void esegui(() => api.conferma(id), 'Richiesta inviata ad ANAC: i CIG arriveranno in questa pagina.')}
            >
              INVIA
            </button>
          </div>
          <div className="d-flex gap-2 mb-3 align-items-end flex-wrap" aria-label="Azioni sulla richiesta" role="group">
            <button
              type="button"
              className="btn btn-outline-primary"
              onClick={() =>
                void api.copia(id).then(
                  (c) => c.id && naviga(`/console/appalti/${encodeURIComponent(c.id)}`),
                  (e: Error) => setErrore(e.message),
                )
              }
            >
              COPIA
            </button>
            <AzioniProcedura
              id={id}
              appalto={appalto}
              azioni={azioni}
              onFatto={async (ok) => {
                setErrore(null);
                setMessaggio(ok);
                await ricarica();
              }}
              onModificaAvviso={() => setTab('PERFEZIONAMENTO')}
            />
          </div>
          <ul className="nav nav-tabs" role="tablist">
            {TAB.map((t) => {
              const n = problemiDi(t).length;
              return (
                <li className="nav-item" key={t} role="presentation">
                  <button
                    type="button"
                    role="tab"
                    id={`tab-${t}`}
                    aria-selected={tab === t}
                    aria-controls="pannello"
                    tabIndex={schede.tabIndex(t)}
                    onKeyDown={schede.onKeyDown}
                    className={`nav-link${tab === t ? ' active' : ''}${n ? ' tab-con-errore' : ''}`}
                    onClick={() => setTab(t)}
                  >
                    {t}
                    {n > 0 && (
                      <span className="marcatore-errore ms-1" data-testid={`marcatore-${t}`}>
                        <span aria-hidden="true">●</span>
                        <span className="visually-hidden"> ({n} problemi)</span>
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
          <div id="pannello" role="tabpanel" aria-labelledby={`tab-${tab}`} className="p-3 border border-top-0">
            {campiConErrore(tab)}
            {tab === 'ELENCO LOTTI' ? (
              <>
              <table className="table">
                <caption className="visually-hidden">Lotti</caption>
                <thead>
                  <tr><th scope="col">Lotto</th><th scope="col">Oggetto</th><th scope="col">Importo</th><th scope="col">CIG</th><th scope="col">Stato</th><th scope="col">Azioni</th></tr>
                </thead>
                <tbody>
                  {lotti.map((l) => (
                    <tr key={String(l.lotIdentifier)}>
                      <td>{String(l.lotIdentifier)}</td>
                      <td>{String(l.oggetto ?? '')}</td>
                      <td>{String(l.importo ?? '')}</td>
                      <td>{l.cig ? String(l.cig) : appalto.stato === 'BOZZA' ? '' : <em>in fase di acquisizione</em>}</td>
                      <td>{String(l.stato ?? '')}</td>
                      <td>
                        {appalto.stato === 'BOZZA' && (
                          <button type="button" className="btn btn-link p-0" onClick={() => setLottoAperto(String(l.lotIdentifier))}>
                            Modifica<span className="visually-hidden"> il lotto {String(l.lotIdentifier)}</span>
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {lottoAperto && (
                <ModuloLotto
                  key={lottoAperto}
                  lotto={lottoAperto === 'nuovo' ? undefined : lotti.find((l) => l.lotIdentifier === lottoAperto)}
                  onAnnulla={() => setLottoAperto(null)}
                  onSalva={(corpo) =>
                    lottoAperto === 'nuovo'
                      ? salva(() => api.aggiungiLotto(id, corpo), 'Lotto aggiunto.')
                      : salva(() => api.modificaLotto(id, lottoAperto, corpo), `Lotto ${lottoAperto} salvato.`)
                  }
                />
              )}
              {appalto.stato === 'BOZZA' && !lottoAperto && (
                <button type="button" className="btn btn-outline-primary" onClick={() => setLottoAperto('nuovo')}>AGGIUNGI LOTTO</button>
              )}
              </>
            ) : tab === 'CLASSIFICAZIONE' ? (
              <>
                <p>CPV: {JSON.stringify(appalto.classificazione ?? appalto.cpv ?? [])}</p>
                {appalto.stato === 'BOZZA' && (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      void esegui(() => api.classificazione(id, cpv.trim()), 'Classificazione salvata.').then(() => setVerifica(null));
                    }}
                  >
                    <CercaCpv
                      onScegli={(codice) => {
                        setCpv(`${codice}-`);
                        cpvRef.current?.focus();
                      }}
                    />
                    <label htmlFor="cpv-principale" className="form-label">CPV principale (prevalente)</label>
                    <input
                      id="cpv-principale"
                      className={`form-control${problemiDi('CLASSIFICAZIONE').length ? ' is-invalid' : ''}`}
                      aria-invalid={problemiDi('CLASSIFICAZIONE').length > 0}
                      placeholder="NNNNNNNN-C"
                      ref={cpvRef}
                      aria-describedby="cpv-principale-aiuto"
                      value={cpv}
                      onChange={(e) => setCpv(e.target.value)}
                    />
                    <small id="cpv-principale-aiuto" className="form-text">Codice CPV con la cifra di controllo dopo il trattino.</small>
                    <br />
                    <button type="submit" className="btn btn-primary mt-2">SALVA</button>
                  </form>
                )}
              </>
            ) : tab === 'LOG TRASMISSIONI' ? (
              <pre className="small">{JSON.stringify(trasmissioni, null, 2)}</pre>
            ) : tab === 'DATI DI GARA' ? (
              <>
                <RupECentroDiCosto
                  key={`${String((appalto.centroDiCosto as Dati | undefined)?.codice)}/${String((appalto.rup as Dati | undefined)?.codiceFiscale)}`}
                  appalto={appalto}
                  onSalva={(dati) => salva(() => api.modificaAppalto(id, dati), 'RUP e centro di costo salvati.')}
                />
                <SchedaProcedura appalto={appalto} />
              </>
            ) : (
              <Perfezionamento
                key={`${String(appalto.stato)}/${String(appalto.idAvviso)}/${String((appalto.date as Dati | undefined)?.modificatoIl)}`}
                id={id}
                appalto={appalto}
                azioni={azioni}
                onFatto={async (ok) => {
                  setErrore(null);
                  setMessaggio(ok);
                  await ricarica();
                }}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}
