/** `lavoro`'s value if it settles within `ms`, else `altrimenti` (the work itself goes on). */
export async function entro<T>(lavoro: Promise<T>, ms: number, altrimenti: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const scaduto = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(altrimenti), ms)));
  try {
    return await Promise.race([lavoro, scaduto]);
  } finally {
    clearTimeout(timer);
  }
}
