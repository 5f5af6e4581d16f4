/**
 * Tokens → expression tree, with Excel's operator precedence (negation binds
 * tighter than ^, so =-2^2 is 4). Used only to re-evaluate formulas; returns
 * null for anything it cannot parse rather than guessing.
 */
import { tokenize, type Reference, type Token } from './tokenizer';

export type Expr =
  | { type: 'num'; value: number }
  | { type: 'str'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'err'; value: string }
  | { type: 'ref'; ref: Reference }
  | { type: 'name'; name: string }
  | { type: 'missing' }
  | { type: 'func'; name: string; args: Expr[] }
  | { type: 'unary'; op: string; arg: Expr }
  | { type: 'postfix'; op: string; arg: Expr }
  | { type: 'binary'; op: string; left: Expr; right: Expr }
  | { type: 'array'; rows: Expr[][] };

const INFIX: Record<string, number> = {
  ':': 90,
  '^': 50,
  '*': 40,
  '/': 40,
  '+': 30,
  '-': 30,
  '&': 20,
  '=': 10,
  '<>': 10,
  '<': 10,
  '>': 10,
  '<=': 10,
  '>=': 10,
};
const PREFIX_POWER = 70;
const PERCENT_POWER = 60;

class ParseError extends Error {}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw new ParseError('unexpected end');
    return t;
  }

  parseAll(): Expr {
    const e = this.expr(0);
    if (this.i < this.tokens.length) throw new ParseError('trailing tokens');
    return e;
  }

  private expr(minPower: number): Expr {
    let left = this.prefix();
    for (;;) {
      const t = this.peek();
      if (!t || t.type !== 'op') break;
      if (t.text === '%') {
        if (PERCENT_POWER < minPower) break;
        this.i++;
        left = { type: 'postfix', op: '%', arg: left };
        continue;
      }
      const power = INFIX[t.text];
      if (power === undefined || power <= minPower) break;
      this.i++;
      const right = this.expr(power);
      left = { type: 'binary', op: t.text, left, right };
    }
    return left;
  }

  private prefix(): Expr {
    const t = this.next();
    switch (t.type) {
      case 'number':
        return { type: 'num', value: t.value! };
      case 'string':
        return { type: 'str', value: t.text.slice(1, -1).replace(/""/g, '"') };
      case 'bool':
        return { type: 'bool', value: t.value === 1 };
      case 'error':
        return { type: 'err', value: t.text.slice(t.text.lastIndexOf('#')).toUpperCase() };
      case 'ref':
        return { type: 'ref', ref: t.ref! };
      case 'name':
        return { type: 'name', name: t.text };
      case 'op':
        if (t.text === '-' || t.text === '+' || t.text === '@') return { type: 'unary', op: t.text, arg: this.expr(PREFIX_POWER) };
        throw new ParseError(`unexpected ${t.text}`);
      case 'open': {
        const e = this.expr(0);
        if (this.next().type !== 'close') throw new ParseError('missing )');
        return e;
      }
      case 'func':
        return this.call(t.name!);
      case 'arrayOpen':
        return this.array();
      default:
        throw new ParseError(`unexpected ${t.text}`);
    }
  }

  private call(name: string): Expr {
    if (this.next().type !== 'open') throw new ParseError('missing (');
    const args: Expr[] = [];
    if (this.peek()?.type === 'close') {
      this.i++;
      return { type: 'func', name, args };
    }
    for (;;) {
      const t = this.peek();
      if (t && (t.type === 'sep' || t.type === 'close')) args.push({ type: 'missing' });
      else args.push(this.expr(0));
      const s = this.next();
      if (s.type === 'close') break;
      if (s.type !== 'sep') throw new ParseError('expected , or )');
    }
    return { type: 'func', name, args };
  }

  private array(): Expr {
    const rows: Expr[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(this.expr(0));
      const s = this.next();
      if (s.type === 'arrayClose') break;
      if (s.type !== 'sep') throw new ParseError('bad array');
      if (s.text === ';') rows.push([]);
    }
    return { type: 'array', rows };
  }
}

/** Parse a formula (with or without "="); null when it is not understood. */
export function parseFormula(formula: string, tokens?: Token[]): Expr | null {
  const toks = tokens ?? tokenize(formula);
  if (toks.length === 0 || toks.some((t) => t.type === 'unknown')) return null;
  try {
    return new Parser(toks).parseAll();
  } catch (e) {
    if (e instanceof ParseError) return null;
    throw e;
  }
}
