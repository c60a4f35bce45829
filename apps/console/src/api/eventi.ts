import { useEffect, useRef } from 'react';
import { sessioneSalvata, type EventoCig } from './client.js';

/**
 * Listens to GET /eventi while the component is mounted. Server-Sent Events read with fetch (EventSource
 * cannot send the bearer token), same origin as the CSP wants; reconnects after a drop, after `retry` ms.
 */
export function useEventiCig(suEvento: (e: EventoCig) => void): void {
  const ultimo = useRef(suEvento);
  ultimo.current = suEvento;
  useEffect(() => {
    const fermo = new AbortController();
    let attesa = 3000;
    const ascolta = async () => {
      while (!fermo.signal.aborted) {
        try {
          const s = sessioneSalvata();
          const r = await fetch('/eventi', {
            headers: { accept: 'text/event-stream', ...(s ? { authorization: `Bearer ${s.token}` } : {}) },
            signal: fermo.signal,
          });
          if (r.status === 401 || r.status === 403) return;
          if (!r.ok || !r.body) throw new Error(`eventi: ${r.status}`);
          const lettore = r.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await lettore.read();
            if (done) break;
            buffer += value;
            let fine: number;
            while ((fine = buffer.indexOf('\n\n')) >= 0) {
              const blocco = buffer.slice(0, fine);
              buffer = buffer.slice(fine + 2);
              let tipo = 'message';
              const dati: string[] = [];
              for (const riga of blocco.split('\n')) {
                if (riga.startsWith('event:')) tipo = riga.slice(6).trim();
                else if (riga.startsWith('data:')) dati.push(riga.slice(5).replace(/^ /, ''));
                else if (riga.startsWith('retry:')) attesa = Number(riga.slice(6)) || attesa;
              }
              if (tipo === 'cig' && dati.length > 0) ultimo.current(JSON.parse(dati.join('\n')) as EventoCig);
            }
          }
        } catch {
          if (fermo.signal.aborted) return;
        }
        await new Promise((r) => setTimeout(r, attesa));
      }
    };
    void ascolta();
    return () => fermo.abort();
  }, []);
}
