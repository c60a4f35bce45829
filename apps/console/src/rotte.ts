import { useEffect, useState } from 'react';

/** Client routes live under /console (the service answers them with index.html). */
export function naviga(path: string): void {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
  // The link or button that led here is gone with the old page: the focus goes to the new page's
  // content (not back to the top of the document), where keyboard and screen-reader users continue.
  document.getElementById('contenuto')?.focus();
}

export function usePercorso(): string {
  const [p, setP] = useState(location.pathname);
  useEffect(() => {
    const f = () => setP(location.pathname);
    addEventListener('popstate', f);
    return () => removeEventListener('popstate', f);
  }, []);
  return p;
}
