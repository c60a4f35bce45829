import { useState } from 'react';
import { api, sessioneSalvata, type EventoStoria, type StoriaCig } from '../api/client.js';

const data = (s: string) => new Date(s).toLocaleString('it-IT', { timeZone: 'Europe/Rome' });

/** Roles that read the audit trail: their export carries the inclusion proofs of the events. */
const VIGILANZA = ['AUDITOR', 'RPCT', 'ADMIN'];

/** A datetime-local value (the browser's local time) as an ISO-8601 instant. */
const istante = (locale: string) => new Date(locale).toISOString();

/** The leaves of a state, by path (`appalto.lotti[0].cig`), each as the text shown. */
function foglie(valore: unknown, percorso: string, out: Map<string, string>): Map<string, string> {
  if (Array.isArray(valore)) valore.forEach((v, i) => foglie(v, `${percorso}[${i}]`, out));
  else if (valore !== null && typeof valore === 'object') {
    for (const [k, v] of Object.entries(valore)) foglie(v, percorso ? `${percorso}.${k}` : k, out);
  } else if (valore !== undefined && valore !== null) out.set(percorso, String(valore));
  return out;
}

interface Differenza {
  readonly campo: string;
  readonly prima: string | undefined;
  readonly dopo: string | undefined;
}

/** The fields of the CIG and of its appalto that differ between two states. */
function differenze(prima: StoriaCig['stato'], dopo: StoriaCig['stato']): Differenza[] {
  const a = foglie(prima, '', new Map());
  const b = foglie(dopo, '', new Map());
  const campi = [...new Set([...a.keys(), ...b.keys()])].sort();
  return campi.filter((c) => a.get(c) !== b.get(c)).map((campo) => ({ campo, prima: a.get(campo), dopo: b.get(campo) }));
}

interface Confronto {
  readonly da: StoriaCig;
  readonly a: StoriaCig;
  readonly differenze: readonly Differenza[];
  readonly eventi: readonly EventoStoria[];
}

const sintesi = (s: StoriaCig) =>
  `richiesta ${String(s.stato.appalto?.statoRichiesta ?? s.stato.appalto?.stato ?? '—')}, CIG ${s.stato.cig ? String(s.stato.cig.stato ?? 'assegnato') : 'non ancora assegnato'}`;

function TabellaEventi({ eventi, titolo }: { eventi: readonly EventoStoria[]; titolo: string }) {
  return (
    <div className="table-responsive">
      <table className="table">
        <caption className="visually-hidden">{titolo}</caption>
        <thead>
          <tr>
            <th scope="col">Data effettiva</th>
            <th scope="col">Registrato il</th>
            <th scope="col">Evento</th>
            <th scope="col">Chi</th>
            <th scope="col">Motivazione</th>
          </tr>
        </thead>
        <tbody>
          {eventi.map((e, i) => (
            <tr key={i}>
              <td>{data(e.effettivoIl)}</td>
              <td>{data(e.registratoIl)}</td>
              <td>{e.tipo}</td>
              <td>{e.attore ?? 'sistema'}{e.ruolo ? ` (${e.ruolo})` : ''}</td>
              <td>{e.motivazione ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Auditor: the history of a CIG as of a date (who, when recorded, effective date, what changed),
 * what changed between two instants, and the history downloaded (JSON, with the inclusion proofs of
 * its events in the audit trail for the trail's readers).
 */
export default function Storia() {
  const [cig, setCig] = useState('');
  const [asOf, setAsOf] = useState('');
  const [storia, setStoria] = useState<StoriaCig | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [dal, setDal] = useState('');
  const [al, setAl] = useState('');
  const [confronto, setConfronto] = useState<Confronto | null>(null);
  const [erroreConfronto, setErroreConfronto] = useState<string | null>(null);

  const conProve = sessioneSalvata()?.utente.ruoli.some((r) => VIGILANZA.includes(r)) ?? false;
  const scarica = () => {
    setErrore(null);
    if (!cig.trim()) return setErrore('CIG obbligatorio');
    void api.esportaStoria(cig.trim(), asOf || undefined, conProve).catch((e: Error) => setErrore(e.message));
  };

  const confronta = async () => {
    setErroreConfronto(null);
    setConfronto(null);
    if (!cig.trim()) return setErroreConfronto('CIG obbligatorio');
    if (!dal) return setErroreConfronto('Dal: obbligatorio');
    const da = istante(dal);
    const fino = al ? istante(al) : undefined;
    if (fino && fino <= da) return setErroreConfronto('Al: deve seguire Dal');
    try {
      const [prima, dopo] = await Promise.all([api.storia(cig.trim(), da), api.storia(cig.trim(), fino)]);
      const inizio = Date.parse(da);
      setConfronto({
        da: prima,
        a: dopo,
        differenze: differenze(prima.stato, dopo.stato),
        eventi: dopo.eventi.filter((e) => Date.parse(e.effettivoIl) > inizio),
      });
    } catch (err) {
      setErroreConfronto((err as Error).message);
    }
  };

  return (
    <section aria-labelledby="titolo-storia">
      <h1 id="titolo-storia">Storia di un CIG</h1>
      <form
        className="row g-3 mb-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setErrore(null);
          try {
            setStoria(await api.storia(cig.trim(), asOf || undefined));
          } catch (err) {
            setStoria(null);
            setErrore((err as Error).message);
          }
        }}
      >
        <div className="col-md-4">
          <label htmlFor="storia-cig" className="form-label">CIG</label>
          <input id="storia-cig" className="form-control" value={cig} onChange={(e) => setCig(e.target.value)} required />
        </div>
        <div className="col-md-4">
          <label htmlFor="storia-asof" className="form-label active">Alla data (vuoto: oggi)</label>
          <input id="storia-asof" type="date" className="form-control" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </div>
        <div className="col-md-4 d-flex align-items-end gap-2 flex-wrap">
          <button type="submit" className="btn btn-primary">CERCA</button>
          <button type="button" className="btn btn-outline-primary" onClick={scarica}>
            SCARICA LA STORIA (JSON)
          </button>
        </div>
      </form>
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      {storia && (
        <>
          <h2 className="h4">
            {storia.cig} {storia.asOf ? `al ${data(storia.asOf)}` : 'oggi'}
          </h2>
          <p data-testid="stato-allora">
            Stato della richiesta: <strong>{String(storia.stato.appalto?.statoRichiesta ?? storia.stato.appalto?.stato ?? '—')}</strong>
            {' — '}CIG: <strong>{storia.stato.cig ? String(storia.stato.cig.stato ?? 'assegnato') : 'non ancora assegnato'}</strong>
          </p>
          {storia.eventiSuccessivi > 0 && <p>Eventi successivi a quella data: {storia.eventiSuccessivi}</p>}
          <TabellaEventi eventi={storia.eventi} titolo="Cronologia" />
        </>
      )}

      <h2 className="h4 mt-5" id="titolo-confronto">Cosa è cambiato tra due date</h2>
      <form
        className="row g-3 mb-4"
        aria-labelledby="titolo-confronto"
        onSubmit={(e) => {
          e.preventDefault();
          void confronta();
        }}
      >
        <div className="col-md-4">
          <label htmlFor="confronto-dal" className="form-label active">Dal (data e ora)</label>
          <input id="confronto-dal" type="datetime-local" className="form-control" value={dal} onChange={(e) => setDal(e.target.value)} required />
        </div>
        <div className="col-md-4">
          <label htmlFor="confronto-al" className="form-label active">Al (data e ora; vuoto: adesso)</label>
          <input id="confronto-al" type="datetime-local" className="form-control" value={al} onChange={(e) => setAl(e.target.value)} />
        </div>
        <div className="col-md-4 d-flex align-items-end">
          <button type="submit" className="btn btn-primary">CONFRONTA</button>
        </div>
      </form>
      {erroreConfronto && <div className="alert alert-danger" role="alert">{erroreConfronto}</div>}
      {confronto && (
        <div data-testid="confronto">
          <p>
            Dal {data(confronto.da.asOf!)}: <strong data-testid="stato-dal">{sintesi(confronto.da)}</strong>.{' '}
            {confronto.a.asOf ? `Al ${data(confronto.a.asOf)}` : 'Oggi'}: <strong data-testid="stato-al">{sintesi(confronto.a)}</strong>.
          </p>
          {confronto.differenze.length === 0 ? (
            <p>Nessuna differenza nello stato del CIG e della richiesta.</p>
          ) : (
            <div className="table-responsive">
              <table className="table">
                <caption className="visually-hidden">Campi cambiati</caption>
                <thead>
                  <tr>
                    <th scope="col">Campo</th>
                    <th scope="col">Prima</th>
                    <th scope="col">Dopo</th>
                  </tr>
                </thead>
                <tbody>
                  {confronto.differenze.map((d) => (
                    <tr key={d.campo}>
                      <th scope="row"><code>{d.campo}</code></th>
                      <td>{d.prima ?? '—'}</td>
                      <td>{d.dopo ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3 className="h5">Eventi tra le due date: {confronto.eventi.length}</h3>
          {confronto.eventi.length > 0 && <TabellaEventi eventi={confronto.eventi} titolo="Eventi tra le due date" />}
        </div>
      )}
    </section>
  );
}
