import { useState } from 'react';
import { api, type EsitoRegistro } from '../api/client.js';

/** RPCT: verification of the audit trail, the first tampered record named, export and public key. */
export default function Registro() {
  const [esito, setEsito] = useState<EsitoRegistro | null>(null);
  const [avanzamento, setAvanzamento] = useState<number | null>(null);
  const [errore, setErrore] = useState<string | null>(null);

  const verifica = async () => {
    setErrore(null);
    setEsito(null);
    setAvanzamento(0);
    try {
      let r = await api.verificaRegistro();
      while (r.status === 202) {
        const v = r.dati.verifica;
        setAvanzamento(v.recordTotali ? Math.round(((v.recordControllati ?? 0) / v.recordTotali) * 100) : 0);
        await new Promise((f) => setTimeout(f, 1000));
        r = await api.verificaAvviata(String(r.dati.stato));
      }
      setAvanzamento(100);
      setEsito(r.dati);
    } catch (e) {
      setAvanzamento(null);
      setErrore((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="titolo-registro">
      <h1 id="titolo-registro">Registro di audit</h1>
      <div className="d-flex gap-2 flex-wrap mb-3">
        <button type="button" className="btn btn-primary" onClick={() => void verifica()}>VERIFICA IL REGISTRO</button>
        <button type="button" className="btn btn-outline-primary" onClick={() => void api.esportaRegistro().catch((e: Error) => setErrore(e.message))}>
          SCARICA EXPORT
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={() => void api.chiavePubblicaPem().catch((e: Error) => setErrore(e.message))}>
          SCARICA CHIAVE PUBBLICA (PEM)
        </button>
      </div>
      <p>
        Verifica offline dell&apos;export: <code>npm run cli -- audit verifica-export audit.jsonl --chiave-pubblica chiave.pem</code>
      </p>
      {avanzamento !== null && (
        <div className="progress mb-3">
          <div
            className="progress-bar"
            role="progressbar"
            aria-label="Avanzamento della verifica"
            aria-valuenow={avanzamento}
            aria-valuemin={0}
            aria-valuemax={100}
            data-avanzamento={avanzamento}
            style={{ width: `${avanzamento}%` }}
          />
        </div>
      )}
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      {esito &&
        (esito.integra ? (
          <div className="alert alert-success" role="status">
            Registro integro: {esito.recordVerificati} record e {esito.checkpointVerificati} checkpoint firmati verificati.
          </div>
        ) : (
          <div className="alert alert-danger" role="alert" data-testid="manomissione">
            Registro manomesso: {esito.problema?.tipo} al record n. {esito.problema?.seq}
            {esito.problema?.eventId ? ` (evento ${esito.problema.eventId})` : ''}. {esito.problema?.dettaglio}
          </div>
        ))}
    </section>
  );
}
