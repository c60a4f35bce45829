/** `--name value` and `--flag` options of a command; the rest are positional arguments. */
export function leggiOpzioni(args: readonly string[]): { opzioni: Map<string, string>; posizionali: string[] } {
  const opzioni = new Map<string, string>();
  const posizionali: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      posizionali.push(arg);
      continue;
    }
    const [nome, valore] = arg.slice(2).split('=', 2);
    if (valore !== undefined) opzioni.set(nome, valore);
    else if (args[i + 1] !== undefined && !args[i + 1].startsWith('--')) opzioni.set(nome, args[++i]);
    else opzioni.set(nome, 'true');
  }
  return { opzioni, posizionali };
}
