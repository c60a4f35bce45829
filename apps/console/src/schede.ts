import type { KeyboardEvent } from 'react';

/**
 * Keyboard of a tab list (WAI-ARIA Authoring Practices, "Tabs" with automatic activation): only the
 * selected tab is in the Tab order (`tabIndex`), the arrow keys move to the previous or next tab
 * (wrapping), Home and End to the first and last; the tab reached is selected and focused.
 * Tab buttons carry the id `idScheda(t)`.
 */
export function tastieraSchede<T extends string>(schede: readonly T[], attuale: T, scegli: (t: T) => void, idScheda: (t: T) => string) {
  return {
    tabIndex: (t: T) => (t === attuale ? 0 : -1),
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      const i = schede.indexOf(attuale);
      const passi: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: schede.length - 1 };
      if (!(e.key in passi)) return;
      e.preventDefault();
      const prossima = schede[(passi[e.key]! + schede.length) % schede.length]!;
      scegli(prossima);
      // After React renders the new selection: focus the tab reached.
      requestAnimationFrame(() => document.getElementById(idScheda(prossima))?.focus());
    },
  };
}
