/**
 * The pause of a polling loop that can be cut short: `dormi(ms)` resolves after `ms`, or at
 * once when `sveglia()` is called meanwhile (new work, or shutdown). A `sveglia()` while the loop
 * is not sleeping is not remembered: the loop is awake and looks for work anyway.
 */
export class Pausa {
  private fine: (() => void) | undefined;

  dormi(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const fine = (): void => {
        clearTimeout(timer);
        if (this.fine === fine) this.fine = undefined;
        resolve();
      };
      const timer = setTimeout(fine, ms);
      this.fine = fine;
    });
  }

  sveglia(): void {
    this.fine?.();
  }
}
