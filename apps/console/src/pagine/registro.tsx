import { useCallback, useEffect, useState } from 'react';
import { api, type EsitoRegistro, type StatoRegistro, type VerificaRegistrata } from '../api/client.js';

const data = (s: string | null) => (s ? new Date(s).toLocaleString('it-IT', { timeZone: 'Europe/Rome' }) : '—');
const numero = (n: string) => Number(n).toLocaleString('it-IT');

function esitoDi(v: VerificaRegistrata): string {
  if (v.stato === 'FALLITA') return `non completata: ${v.errore ?? 'errore'}`;
  if (v.integra) return `registro integro (${(v.recordControllati ?? 0).toLocaleString('it-IT')} record)`;
  return `registro manomesso: ${v.problema?.tipo ?? ''} al record n. ${v.problema?.seq ?? '?'}`;
}

const chi = (v: VerificaRegistrata) => (v.avviataDa ? `; avviata da ${v.avviataDa}` : '');

/** The trail's state: records, latest signed tree head and checkpoint, latest verification. */
function StatoDelRegistro({ stato }: { stato: StatoRegistro }) {
  const { ultimaTesta: testa, ultimoCheckpoint: checkpoint, ultimaVerifica: verifica, verificaInCorso: inCorso } = stato;
  return (
    <section aria-labelledby="titolo-stato-registro" className="mb-4" data-testid="stato-registro">
      <h2 id="titolo-stato-registro" className="h4">Stato del registro</h2>
      <dl className="row mb-0">
        <dt className="col-sm-4">Record nel registro</dt>
        <dd className="col-sm-8" data-testid="stato-record">{numero(stato.record)}</dd>
        <dt className="col-sm-4">Ultima testa firmata</dt>
        <dd className="col-sm-8" data-testid="stato-testa">
          {testa ? `${numero(testa.dimensione)} record, al ${data(testa.timestamp)}, chiave ${testa.chiave}` : 'nessuna ancora'}
        </dd>
        <dt className="col-sm-4">Ultimo checkpoint</dt>
        <dd className="col-sm-8" data-testid="stato-checkpoint">
          {checkpoint ? `record n. ${numero(checkpoint.seq)}, registrato il ${data(checkpoint.registratoIl)}, chiave ${checkpoint.chiave}` : 'nessuno ancora'}
        </dd>
        <dt className="col-sm-4">Ultima verifica</dt>
        <dd className="col-sm-8" data-testid="stato-verifica">
          {verifica
            ? `${data(verifica.conclusaIl ?? verifica.avviataIl)}: ${esitoDi(verifica)}${chi(verifica)}`
            : 'nessuna ancora'}
        </dd>
        {inCorso && (
          <>
            <dt className="col-sm-4">Verifica in corso</dt>
            <dd className="col-sm-8">
              avviata il {data(inCorso.avviataIl)}{inCorso.avviataDa ? ` da ${inCorso.avviataDa}` : ''}: {(inCorso.recordControllati ?? 0).toLocaleString('it-IT')} di{' '}
              {(inCorso.recordTotali ?? 0).toLocaleString('it-IT')} record
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** RPCT: the trail's state, its verification (the first tampered record named), export and public key. */
export default function Registro() {
  const [esito, setEsito] = useState<EsitoRegistro | null>(null);
  const [avanzamento, setAvanzamento] = useState<number | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [stato, setStato] = useState<StatoRegistro | null>(null);
  const aggiornaStato = useCallback(() => api.statoRegistro().then(setStato, (e: Error) => setErrore(e.message)), []);
  useEffect(() => {
    void aggiornaStato();
  }, [aggiornaStato]);

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
        r = await api.verificaAvviata(r.dati.verifica.id);
      }
      setAvanzamento(100);
      setEsito(r.dati);
    } catch (e) {
      setAvanzamento(null);
      setErrore((e as Error).message);
    }
    await aggiornaStato();
  };

  return (
    <section aria-labelledby="titolo-registro">
      <h1 id="titolo-registro">Registro di audit</h1>
      {stato && <StatoDelRegistro stato={stato} />}
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
