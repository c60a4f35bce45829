import { evaluate, isFunction, isRange, parseDateTime, parseExpression, type FeelFunction } from 'feelin';

/**
 * ANAC's input entries translated once into JavaScript closures, with feelin's semantics.
 *
 * feelin walks its syntax tree on every evaluation, allocating a context per `some … satisfies`
 * iteration and a warning per name the data lack: most of a verification. The entries ANAC writes
 * use a small part of FEEL (paths, `=`/`!=`/`<`…, `and`/`or`, `some`/`every`, filters, `for`,
 * `+ - * /`, a few builtins), which is translated here from feelin's own parse tree, operator by
 * operator as feelin's interpreter evaluates it (null for a missing field, three-valued `and`/`or`
 * evaluating both sides, `count(x)` = 1 for a single value, a list path mapped element by element …).
 *
 * Two ways out keep the result feelin's whenever the translation is not sure:
 * - a part of an entry not translated (dates, `string(…)`, `in`, `if` …) is handed to feelin as a
 *   function of the names in scope, compiled once (`delega`); inside a filter, where the element's
 *   fields are names too, the whole filter is handed over;
 * - a value the fast paths do not cover (dates, durations, objects compared) is handed to feelin's
 *   operator, and where feelin itself could fail (a range over non-numbers …) the closure throws
 *   {@link Rinuncia}: the caller then evaluates the entry with feelin as before.
 */

/** Thrown by a compiled entry on data it does not decide: evaluate the entry with feelin instead. */
export class Rinuncia extends Error {
  constructor() {
    super('entry left to feelin');
  }
}

/** The names an entry may call besides feelin's builtins (our helpers, cached now/today). */
export type FunzioniFeel = Readonly<Record<string, (...argomenti: never[]) => unknown>>;

export interface OpzioniCompilazione {
  readonly funzioni: FunzioniFeel;
  /** Changes when now()/today() may answer differently: parts reading only them are cached per key. */
  readonly chiaveTempo: () => unknown;
  /** How feelin's compiled functions receive the data (the same wrapping as the interpreted path). */
  readonly avvolgi: (valore: unknown) => unknown;
}

export interface EntrataCompilata {
  /** The entry's FEEL value for the table's inputs, in order; throws {@link Rinuncia} when undecided. */
  readonly valuta: (argomenti: readonly unknown[]) => unknown;
  /** Parts handed to feelin (0: entirely JavaScript). */
  readonly delegate: number;
}

type Valore = unknown;
type Slots = Valore[];
type Codice = ((s: Slots) => Valore) & { tipo?: string };

class NonSupportato extends Error {}

/** A node of feelin's parse tree of an entry (plain data: it can be kept as JSON). */
export interface Nodo {
  readonly nome: string;
  readonly da: number;
  readonly a: number;
  readonly figli: Nodo[];
}

/** feelin's syntax tree of `src` as its interpreter sees it (skipped nodes left out, errors thrown). */
function albero(src: string, contesto: Record<string, unknown>): Nodo {
  const radice: Nodo = { nome: '__ROOT', da: 0, a: src.length, figli: [] };
  const pila: Nodo[] = [radice];
  parseExpression(src, contesto, undefined).iterate({
    enter(n) {
      if (n.type.isError) throw new NonSupportato(`syntax error at ${n.from}`);
      if (n.type.isSkipped) return false;
      pila.push({ nome: n.name, da: n.from, a: n.to, figli: [] });
      return undefined;
    },
    leave(n) {
      if (n.type.isSkipped) return;
      const nodo = pila.pop()!;
      pila[pila.length - 1].figli.push(nodo);
    },
  });
  return radice.figli[radice.figli.length - 1];
}

/** Where a name is read: a bound variable, a filter's element (its fields and `item`), the inputs. */
type Ambito =
  | { readonly tipo: 'radice'; readonly parametri: ReadonlyMap<string, number> }
  | { readonly tipo: 'variabile'; readonly nome: string; readonly slot: number; readonly su: Ambito }
  | { readonly tipo: 'filtro'; readonly slot: number; readonly su: Ambito };

const proprio = Object.prototype.hasOwnProperty;
const contestoFeel = (v: Valore): v is Record<string, Valore> => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
const nullo = (v: Valore): Valore => (v === undefined ? null : v);
const primitivo = (v: Valore): boolean => {
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean';
};

/** feelin's PathName on one value: a context's entry (null when missing), nothing on scalars. */
function leggi(o: Valore, nome: string): Valore {
  if (o === null || o === undefined) return null;
  if (typeof o !== 'object') {
    if (typeof o === 'function') throw new Rinuncia();
    return null;
  }
  if (Array.isArray(o)) return proprio.call(o, nome) ? nullo((o as unknown as Record<string, Valore>)[nome]) : null;
  if (contestoFeel(o)) return nullo(o[nome]);
  throw new Rinuncia();
}

/** feelin's PathExpression: on a list, the path of every element. */
const percorso = (o: Valore, nome: string): Valore => (Array.isArray(o) ? o.map((e) => leggi(e, nome)) : leggi(o, nome));

/** feelin's `equals` on scalars and null; anything else to feelin's own `=`. */
function uguale(a: Valore, b: Valore, feel: (a: Valore, b: Valore) => Valore): Valore {
  if (a === null) return b === null;
  if (b === null) return false;
  if (primitivo(a) && primitivo(b)) return typeof a === typeof b ? a === b : null;
  return feel(a, b);
}

/** `<`, `<=`, `>`, `>=` as feelin's ranges decide them on numbers and strings; the rest to feelin. */
function confronta(op: string, a: Valore, b: Valore, feel: (a: Valore, b: Valore) => Valore): Valore {
  if (b === null) return null;
  if (typeof b !== 'number' && typeof b !== 'string') return feel(a, b);
  if (a === null) return null;
  if (!primitivo(a)) return feel(a, b);
  const x = a as number;
  const y = b as number;
  const c = x < y ? -1 : x > y ? 1 : 0;
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    default:
      return c >= 0;
  }
}

/** feelin's `nullable` arithmetic on numbers (and `+` on strings); temporals to feelin. */
function aritmetica(op: string, l: Valore, r: Valore, feel: (a: Valore, b: Valore) => Valore): Valore {
  if (Array.isArray(l) || Array.isArray(r)) return null;
  if (l !== null && typeof l === 'object' && !contestoFeel(l)) return feel(l, r);
  if (typeof l === 'number' && typeof r === 'number') {
    switch (op) {
      case '+':
        return l + r;
      case '-':
        return l - r;
      case '*':
        return l * r;
      case '/':
        return !r ? null : l / r;
      default:
        return l ** r;
    }
  }
  if (op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
  if (typeof l === 'function') return feel(l, r);
  return null;
}

const a3 = (v: Valore): boolean | null => (typeof v === 'boolean' ? v : null);

/** The builtins translated, by name and number of arguments; feelin's argument checks included. */
const BUILTIN: Record<string, { arieta: number; fn: (...x: Valore[]) => Valore }> = {
  not: { arieta: 1, fn: (x) => (typeof x === 'boolean' ? !x : null) },
  count: { arieta: 1, fn: (x) => (Array.isArray(x) ? x.length : x === null || x === undefined ? null : 1) },
  'distinct values': {
    arieta: 1,
    fn: (x) => {
      if (x === null || x === undefined) return null;
      const lista = Array.isArray(x) ? x : [x];
      const visti = new Set<Valore>();
      const esito: Valore[] = [];
      for (const e of lista) {
        if (!(e === null || primitivo(e)) || (typeof e === 'number' && Number.isNaN(e))) throw new Rinuncia();
        if (!visti.has(e)) {
          visti.add(e);
          esito.push(e);
        }
      }
      return esito;
    },
  },
  sum: {
    arieta: 1,
    fn: (x) => {
      if (typeof x === 'number') return x;
      if (!Array.isArray(x)) return null;
      let somma: number | null = null;
      let numeri = true;
      for (const e of x) {
        if (Array.isArray(e)) throw new Rinuncia();
        if (typeof e !== 'number') numeri = false;
        else somma = somma === null ? e : somma + e;
      }
      return numeri ? somma : null;
    },
  },
  'substring before': {
    arieta: 2,
    fn: (s, m) => {
      const testo = Array.isArray(s) && s.length === 1 ? (s[0] as Valore) : s;
      const cerca = Array.isArray(m) && m.length === 1 ? (m[0] as Valore) : m;
      if (typeof testo !== 'string' || typeof cerca !== 'string') return null;
      const i = testo.indexOf(cerca);
      return i === -1 ? '' : testo.substring(0, i);
    },
  },
  'starts with': {
    arieta: 2,
    fn: (s, m) => {
      const testo = Array.isArray(s) && s.length === 1 ? (s[0] as Valore) : s;
      const inizio = Array.isArray(m) && m.length === 1 ? (m[0] as Valore) : m;
      return typeof testo === 'string' && typeof inizio === 'string' ? testo.startsWith(inizio) : null;
    },
  },
};

/** `date and time("…")`, parsed once per text (the values are immutable). */
const dateOre = new Map<string, Valore>();
function dataOra(x: Valore): Valore {
  if (typeof x !== 'string') return null;
  let v = dateOre.get(x);
  if (v === undefined) {
    v = parseDateTime(x) ?? null;
    if (dateOre.size > 10_000) dateOre.clear();
    dateOre.set(x, v);
  }
  return v;
}

/** The type feelin's interpreter tags a node with (it decides what a filter `[…]` means). */
function tipoStatico(n: Nodo): string | undefined {
  switch (n.nome) {
    case 'Comparison':
    case 'Disjunction':
    case 'Conjunction':
    case 'QuantifiedExpression':
    case 'InstanceOfExpression':
      return 'test';
    case 'NumericLiteral':
      return 'number';
    case 'BooleanLiteral':
      return 'boolean';
    case 'StringLiteral':
      return 'string';
    case 'null':
      return 'nil';
    case 'VariableName':
    case 'PathExpression':
    case 'FilterExpression':
    case 'FunctionInvocation':
      return 'any';
    case 'DateTimeLiteral':
      return 'date';
    case 'List':
    case 'ForExpression':
      return '';
    case 'ParenthesizedExpression':
      return tipoStatico(n.figli[1]);
    case 'ArithmeticExpression': {
      if (n.figli.length === 2) return tipoStatico(n.figli[1]);
      const a = tipoStatico(n.figli[0]);
      return a === tipoStatico(n.figli[2]) ? a : 'any';
    }
    default:
      return undefined;
  }
}

/**
 * feelin's own binary operators `a <op> b`, compiled at first use: the exact answer off the fast
 * paths. Two of feelin's values (dates: immutable, the same object for the same text, see
 * {@link dataOra}) are compared once per pair and operator.
 */
const operatori = new Map<string, FeelFunction>();
const valoreFeel = (v: Valore): v is object => v !== null && typeof v === 'object' && !Array.isArray(v) && !contestoFeel(v);
function operatore(op: string, avvolgi: (v: Valore) => Valore): (a: Valore, b: Valore) => Valore {
  const risposte = new WeakMap<object, WeakMap<object, { v: Valore }>>();
  return (a, b) => {
    let fn = operatori.get(op);
    if (!fn) {
      fn = evaluate(`function(a, b) a ${op} b`, {}).value as FeelFunction;
      operatori.set(op, fn);
    }
    if (!valoreFeel(a) || !valoreFeel(b)) return fn.fn(avvolgi(a), avvolgi(b));
    let perA = risposte.get(a);
    if (!perA) risposte.set(a, (perA = new WeakMap()));
    let r = perA.get(b);
    if (!r) perA.set(b, (r = { v: fn.fn(a, b) }));
    return r.v;
  };
}

/** Whether a name no input or variable binds is one of feelin's builtins (then it is not null). */
const builtinFeel = new Map<string, boolean>();
function eBuiltin(nome: string): boolean {
  let b = builtinFeel.get(nome);
  if (b === undefined) builtinFeel.set(nome, (b = evaluate(nome, {}).value !== null));
  return b;
}

/** A literal's value as feelin's interpreter reads it. */
function letterale(tipo: string, testo: string): Valore {
  if (tipo === 'BooleanLiteral') return testo === 'true';
  if (tipo === 'NumericLiteral') return testo.includes('.') ? parseFloat(testo) : parseInt(testo);
  if (!testo.includes('\\')) return testo.replace(/^"/, '').replace(/"$/, '');
  return evaluate(testo, {}).value;
}

class Compilatore {
  private slot: number;
  delegate = 0;

  constructor(
    private readonly src: string,
    private readonly opzioni: OpzioniCompilazione,
    parametri: number,
  ) {
    this.slot = parametri;
  }

  get slots(): number {
    return this.slot;
  }

  private testo(n: Nodo): string {
    return this.src.slice(n.da, n.a);
  }

  /** The name a VariableName / Name / PathName node spells (identifiers joined by one space). */
  private nomeDi(n: Nodo): string {
    if (n.nome === 'Name') return this.testo(n).replace(/\s{2,}/g, ' ');
    if (n.figli.length === 0 || n.figli.some((f) => f.nome !== 'Identifier')) throw new NonSupportato(`name ${this.testo(n)}`);
    return n.figli.map((f) => this.testo(f)).join(' ');
  }

  private operatore(op: string): (a: Valore, b: Valore) => Valore {
    return operatore(op, this.opzioni.avvolgi);
  }

  /** Compiles `n`; a part not translated is handed to feelin when no filter element is in scope. */
  compila(n: Nodo, amb: Ambito): Codice {
    try {
      return this.traduci(n, amb);
    } catch (e) {
      if (!(e instanceof NonSupportato)) throw e;
      return this.delega(n, amb);
    }
  }

  private delega(n: Nodo, amb: Ambito): Codice {
    const nomi = new Map<string, number>();
    const catena: Ambito[] = [];
    for (let a: Ambito | undefined = amb; a; a = a.tipo === 'radice' ? undefined : a.su) catena.unshift(a);
    for (const a of catena) {
      if (a.tipo === 'filtro') throw new NonSupportato('a part inside a filter');
      if (a.tipo === 'radice') for (const [nome, slot] of a.parametri) nomi.set(nome, slot);
      else {
        nomi.delete(a.nome);
        nomi.set(a.nome, a.slot);
      }
    }
    const usati = new Set<string>();
    const visita = (x: Nodo): void => {
      if (x.nome === 'VariableName') usati.add(this.nomeDi(x));
      x.figli.forEach(visita);
    };
    visita(n);
    const liberi = [...nomi].filter(([nome]) => usati.has(nome));
    let fn: FeelFunction;
    try {
      const v = evaluate(`function(${liberi.map(([nome]) => nome).join(', ')}) ${this.testo(n)}`, this.opzioni.funzioni).value;
      if (!isFunction(v)) throw new NonSupportato('not a function');
      fn = v;
    } catch (e) {
      throw e instanceof NonSupportato ? e : new NonSupportato(String(e));
    }
    this.delegate++;
    const slots = liberi.map(([, slot]) => slot);
    const avvolgi = this.opzioni.avvolgi;
    if (slots.length === 0) {
      // No name of the data: its value changes only with now()/today(), if it reads them.
      const tempo = usati.has('now') || usati.has('today');
      let chiave: unknown = {};
      let valore: Valore;
      return (() => {
        const k = tempo ? this.opzioni.chiaveTempo() : null;
        if (k !== chiave) {
          valore = fn.fn();
          chiave = k;
        }
        return valore;
      }) as Codice;
    }
    return ((s: Slots) => fn.fn(...slots.map((i) => avvolgi(s[i])))) as Codice;
  }

  /** A name: a bound variable, a filter element's field or `item`, an input; otherwise null. */
  private nome(nome: string, amb: Ambito): Codice {
    switch (amb.tipo) {
      case 'variabile': {
        if (amb.nome === nome) {
          const slot = amb.slot;
          return (s) => s[slot];
        }
        return this.nome(nome, amb.su);
      }
      case 'filtro': {
        const slot = amb.slot;
        const fuori = this.nome(nome, amb.su);
        const item = nome === 'item';
        return (s) => {
          const el = s[slot];
          if (el !== null && typeof el === 'object' && !Array.isArray(el)) {
            if (!contestoFeel(el)) throw new Rinuncia();
            // feelin spreads the element's own enumerable fields over the context
            if (Object.getOwnPropertyDescriptor(el, nome)?.enumerable) return nullo(el[nome]);
          }
          return item ? el : fuori(s);
        };
      }
      default: {
        const slot = amb.parametri.get(nome);
        if (slot !== undefined) return (s) => s[slot];
        if (nome in this.opzioni.funzioni || nome === 'partial') throw new NonSupportato(`the name ${nome} as a value`);
        if (eBuiltin(nome)) throw new NonSupportato(`builtin ${nome} as a value`);
        return () => null;
      }
    }
  }

  /** Whether `nome` reaches the root unbound (no variable, filter or input shadows a function name). */
  private libero(nome: string, amb: Ambito): boolean {
    for (let a: Ambito = amb; ; a = a.su) {
      if (a.tipo === 'radice') return !a.parametri.has(nome);
      if (a.tipo === 'filtro') return false;
      if (a.nome === nome) return false;
    }
  }

  private traduci(n: Nodo, amb: Ambito): Codice {
    const f = n.figli;
    switch (n.nome) {
      case 'Expression':
      case 'FunctionBody':
        return this.compila(f[0], amb);
      case 'ParenthesizedExpression':
        return this.compila(f[1], amb);
      case 'NumericLiteral':
      case 'StringLiteral':
      case 'BooleanLiteral': {
        const v = letterale(n.nome, this.testo(n));
        return () => v;
      }
      case 'null':
        return () => null;
      case 'VariableName':
        return this.nome(this.nomeDi(n), amb);
      case 'PathExpression': {
        const oggetto = this.compila(f[0], amb);
        if (f[2]?.nome !== 'PathName') throw new NonSupportato('path');
        const campo = this.nomeDi(f[2]);
        return (s) => percorso(oggetto(s), campo);
      }
      case 'Disjunction':
      case 'Conjunction': {
        const sx = this.compila(f[0], amb);
        const dx = this.compila(f[2], amb);
        // Both sides are evaluated, as feelin does (the right side may fail where feelin fails).
        if (n.nome === 'Conjunction')
          return (s) => {
            const a = a3(sx(s));
            const b = a3(dx(s));
            return a === false || b === false ? false : a === true && b === true ? true : null;
          };
        return (s) => {
          const a = a3(sx(s));
          const b = a3(dx(s));
          return a === true || b === true ? true : a === false && b === false ? false : null;
        };
      }
      case 'Comparison': {
        if (f.length !== 3 || f[1].nome !== 'CompareOp') throw new NonSupportato('comparison');
        const op = this.testo(f[1]);
        const sx = this.compila(f[0], amb);
        const dx = this.compila(f[2], amb);
        const feel = this.operatore(op);
        if (op === '=') return (s) => uguale(sx(s), dx(s), feel);
        if (op === '!=') {
          const feelUguale = this.operatore('=');
          return (s) => {
            const r = uguale(sx(s), dx(s), feelUguale);
            return r === null ? null : !r;
          };
        }
        return (s) => {
          const a = sx(s);
          return confronta(op, a, dx(s), feel);
        };
      }
      case 'ArithmeticExpression': {
        if (f.length === 3 && f[1].nome === 'ArithOp') {
          const op = this.testo(f[1]);
          const sx = this.compila(f[0], amb);
          const dx = this.compila(f[2], amb);
          const feel = this.operatore(op);
          return (s) => aritmetica(op, sx(s), dx(s), feel);
        }
        if (f.length === 2 && f[0].nome === 'ArithOp' && this.testo(f[0]) === '-') {
          const v = this.compila(f[1], amb);
          const feel = this.operatore('-');
          return (s) => aritmetica('-', 0, v(s), feel);
        }
        throw new NonSupportato('arithmetic');
      }
      case 'List': {
        const el = f.slice(1, -1).map((x) => this.compila(x, amb));
        return (s) => el.map((e) => e(s));
      }
      case 'FunctionInvocation':
        return this.chiamata(n, amb);
      case 'DateTimeLiteral': {
        // `date and time(text)`: feelin's parser, once per text; other constructors to feelin.
        const costruttore = f[0]?.nome === 'DateTimeConstructor' ? this.testo(f[0]).replace(/\s+/g, ' ') : '';
        const parametri = f[2]?.nome === 'PositionalParameters' ? f[2].figli : [];
        if (costruttore !== 'date and time' || parametri.length !== 1) throw new NonSupportato('temporal');
        const x = this.compila(parametri[0], amb);
        return (s) => {
          const v = x(s);
          if (typeof v === 'string' && v.startsWith('-')) throw new Rinuncia();
          return dataOra(v);
        };
      }
      case 'QuantifiedExpression':
        return this.quantificatore(n, amb);
      case 'ForExpression':
        return this.per(n, amb);
      case 'FilterExpression':
        return this.filtro(n, amb);
      default:
        throw new NonSupportato(n.nome);
    }
  }

  private chiamata(n: Nodo, amb: Ambito): Codice {
    const [bersaglio, , parametri] = n.figli;
    if (bersaglio?.nome !== 'VariableName' || parametri?.nome !== 'PositionalParameters') throw new NonSupportato('call');
    const nome = this.nomeDi(bersaglio);
    if (!this.libero(nome, amb)) throw new NonSupportato(`call of ${nome} in scope`);
    const argomenti = parametri.figli.map((x) => this.compila(x, amb));
    const propria = this.opzioni.funzioni[nome] as ((...x: Valore[]) => Valore) | undefined;
    const builtin = BUILTIN[nome];
    let fn: (...x: Valore[]) => Valore;
    if (propria) {
      if (propria.length !== argomenti.length || nome === 'now' || nome === 'today') throw new NonSupportato(nome);
      fn = propria;
    } else if (builtin && builtin.arieta === argomenti.length) fn = builtin.fn;
    else throw new NonSupportato(nome);
    if (argomenti.length === 1) {
      const [x] = argomenti;
      return (s) => fn(x(s));
    }
    if (argomenti.length === 2) {
      const [x, y] = argomenti;
      return (s) => fn(x(s), y(s));
    }
    return (s) => fn(...argomenti.map((a) => a(s)));
  }

  /** The single `name in expression` of a quantifier or `for`: the name and the context node. */
  private iterazione(n: Nodo): { nome: string; contesto: Nodo } {
    const inEspr = n.figli[1];
    if (inEspr?.nome !== 'InExpressions' || inEspr.figli.length !== 1) throw new NonSupportato('several iteration contexts');
    const [nome, , contesto] = inEspr.figli[0].figli;
    if (nome?.nome !== 'Name' || contesto?.nome !== 'IterationContext') throw new NonSupportato('iteration');
    return { nome: this.nomeDi(nome), contesto };
  }

  private quantificatore(n: Nodo, amb: Ambito): Codice {
    const quale = n.figli[0].nome;
    if (quale !== 'some' && quale !== 'every') throw new NonSupportato(quale);
    const { nome, contesto } = this.iterazione(n);
    if (contesto.figli.length !== 1) throw new NonSupportato('range in a quantifier');
    const lista = this.compila(contesto.figli[0], amb);
    const slot = this.slot++;
    const condizione = this.compila(n.figli[3], { tipo: 'variabile', nome, slot, su: amb });
    const alcuno = quale === 'some';
    return (s) => {
      const l = lista(s);
      if (!Array.isArray(l)) {
        if (isRange(l)) throw new Rinuncia();
        return null;
      }
      for (const el of l) {
        s[slot] = el;
        const v = condizione(s);
        const vero = v !== false && v !== null;
        if (alcuno === vero) return alcuno;
      }
      return !alcuno;
    };
  }

  private per(n: Nodo, amb: Ambito): Codice {
    const { nome, contesto } = this.iterazione(n);
    if (nome === 'partial') throw new NonSupportato('partial');
    const slot = this.slot++;
    const corpo = this.compila(n.figli[n.figli.length - 1], { tipo: 'variabile', nome, slot, su: amb });
    const elementi = this.elementi(contesto, amb);
    return (s) => {
      const l = elementi(s);
      if (l === null) return null;
      const esito: Valore[] = [];
      for (const el of l) {
        s[slot] = el;
        esito.push(corpo(s));
      }
      return esito;
    };
  }

  /** feelin's IterationContext: a list, or `a..b` (a number range when b is truthy). */
  private elementi(contesto: Nodo, amb: Ambito): (s: Slots) => Valore[] | null {
    const f = contesto.figli;
    const primo = this.compila(f[0], amb);
    const lista = (v: Valore): Valore[] | null => {
      if (Array.isArray(v)) return v;
      if (isRange(v)) throw new Rinuncia();
      return null;
    };
    if (f.length === 1) return (s) => lista(primo(s));
    if (f.length !== 3 || f[1].nome !== '..') throw new NonSupportato('iteration context');
    const ultimo = this.compila(f[2], amb);
    return (s) => {
      const a = primo(s);
      const b = ultimo(s);
      if (!b) return lista(a);
      if (!Number.isInteger(a) || !Number.isInteger(b)) throw new Rinuncia();
      const da = a as number;
      const fino = b as number;
      const passo = da > fino ? -1 : 1;
      const esito: number[] = [];
      for (let i = da; ; i += passo) {
        esito.push(i);
        if (i === fino) break;
      }
      return esito;
    };
  }

  private filtro(n: Nodo, amb: Ambito): Codice {
    const [bersaglio, , predicato] = n.figli;
    const lista = this.compila(bersaglio, amb);
    const tipo = tipoStatico(predicato);
    if (tipo === undefined) throw new NonSupportato('filter');
    if (tipo === 'number' || tipo === 'boolean' || tipo === 'any') {
      const indice = this.compila(predicato, amb);
      return (s) => {
        const t = lista(s);
        if (t === null) return null;
        const elementi = Array.isArray(t) ? t : [t];
        const i = indice(s);
        if (typeof i === 'boolean') return i ? t : [];
        if (typeof i !== 'number') return [];
        return nullo(elementi[i < 0 ? elementi.length + i : i - 1]);
      };
    }
    if (tipo === 'string') {
      const valore = this.compila(predicato, amb);
      return (s) => {
        const t = lista(s);
        if (t === null) return null;
        const v = valore(s);
        return (Array.isArray(t) ? t : [t]).filter((el) => el === v);
      };
    }
    if (tipo !== 'test') {
      // a[null], a[[1, 2]] …: feelin gives null (after the target is read)
      return (s) => {
        lista(s);
        return null;
      };
    }
    const slot = this.slot++;
    const condizione = this.compila(predicato, { tipo: 'filtro', slot, su: amb });
    return (s) => {
      const t = lista(s);
      if (t === null) return null;
      const esito: Valore[] = [];
      for (const el of Array.isArray(t) ? t : [t]) {
        s[slot] = el;
        const r = condizione(s);
        if (typeof r === 'function' || isRange(r)) throw new Rinuncia();
        const v = r === true ? el : r;
        if (v !== false && v !== null) esito.push(v);
      }
      return esito;
    };
  }
}

/** feelin's parse of each entry's text (the inputs are plain names: the tree does not depend on them). */
const alberi = new Map<string, Nodo | null>();

/** The parse tree of an entry's text (null: not an expression feelin parses), parsed once per text. */
export function alberoFeel(test: string, funzioni: FunzioniFeel): Nodo | null {
  let radice = alberi.get(test);
  if (radice === undefined) {
    try {
      radice = albero(test, funzioni);
    } catch {
      radice = null;
    }
    alberi.set(test, radice);
  }
  return radice;
}

/** A tree kept from an earlier parse of the same text ({@link alberoFeel}), so that it is not parsed again. */
export function ricordaAlbero(test: string, radice: Nodo | null): void {
  if (!alberi.has(test)) alberi.set(test, radice);
}

/**
 * Compiles one input entry of a table with inputs `input` (FEEL names), as feelin would evaluate
 * `function(<input>) <entry>`. Returns undefined when the entry cannot be translated (then it is
 * evaluated with feelin, as before).
 */
export function compilaEntrata(input: readonly string[], test: string, opzioni: OpzioniCompilazione): EntrataCompilata | undefined {
  if (!input.every((nome) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(nome))) return undefined;
  const radice = alberoFeel(test, opzioni.funzioni);
  if (radice?.nome !== 'Expression') return undefined;
  const parametri = new Map<string, number>();
  input.forEach((nome, i) => parametri.set(nome, i)); // a repeated name: the last one, as feelin binds it
  const compilatore = new Compilatore(test, opzioni, input.length);
  let codice: Codice;
  try {
    codice = compilatore.compila(radice, { tipo: 'radice', parametri });
  } catch (e) {
    if (e instanceof NonSupportato) return undefined;
    throw e;
  }
  const slots = compilatore.slots;
  return {
    delegate: compilatore.delegate,
    valuta: (argomenti) => {
      const s: Slots = argomenti.slice();
      s.length = slots;
      return codice(s);
    },
  };
}
