/**
 * A small SOQL parser for the queries the adapters send:
 * SELECT fields | COUNT() FROM Object [WHERE …] [ORDER BY …] [LIMIT n] [OFFSET n], with =, !=, <>, <, >, <=, >=,
 * [NOT] IN (…), LIKE, AND, OR, NOT, parentheses, and date literals (TODAY, LAST_N_DAYS:n, …).
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
 */

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'date'; value: string }
  | { kind: 'datetime'; value: string }
  | { kind: 'relativeDate'; name: string; n?: number };

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '>' | '<=' | '>='; value: Literal }
  | { kind: 'in'; field: string; negated: boolean; values: Literal[] }
  | { kind: 'like'; field: string; pattern: string };

export interface OrderBy {
  field: string;
  direction: 'ASC' | 'DESC';
  nulls: 'FIRST' | 'LAST';
}

export interface SoqlQuery {
  count: boolean;
  fields: string[];
  from: string;
  where: Condition | null;
  orderBy: OrderBy[];
  limit: number | null;
  offset: number;
}

export class SoqlSyntaxError extends Error {}

type Token = { type: 'ident' | 'string' | 'number' | 'date' | 'datetime' | 'op' | 'punct'; text: string };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const rest = soql.slice(i);
    const ch = soql.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (; j < soql.length && soql.charAt(j) !== "'"; j++) {
        if (soql.charAt(j) === '\\') {
          j++;
          const esc = soql.charAt(j);
          value += esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === 'r' ? '\r' : esc;
        } else value += soql.charAt(j);
      }
      if (j >= soql.length) throw new SoqlSyntaxError('unterminated string literal');
      tokens.push({ type: 'string', text: value });
      i = j + 1;
      continue;
    }
    const dt = DATETIME.exec(rest);
    if (dt) {
      tokens.push({ type: 'datetime', text: dt[0] });
      i += dt[0].length;
      continue;
    }
    const d = DATE.exec(rest);
    if (d) {
      tokens.push({ type: 'date', text: d[0] });
      i += d[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(rest);
    if (num) {
      tokens.push({ type: 'number', text: num[0] });
      i += num[0].length;
      continue;
    }
    const op = /^(<=|>=|!=|<>|=|<|>)/.exec(rest);
    if (op) {
      tokens.push({ type: 'op', text: op[0] === '<>' ? '!=' : op[0] });
      i += op[0].length;
      continue;
    }
    if ('(),:'.includes(ch)) {
      tokens.push({ type: 'punct', text: ch });
      i++;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
    if (ident) {
      tokens.push({ type: 'ident', text: ident[0] });
      i += ident[0].length;
      continue;
    }
    throw new SoqlSyntaxError(`unexpected character '${ch}' at position ${i + 1}`);
  }
  return tokens;
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const t = this.tokens[this.pos++];
    if (!t) throw new SoqlSyntaxError('unexpected end of query');
    return t;
  }

  private isKeyword(word: string, offset = 0): boolean {
    const t = this.tokens[this.pos + offset];
    return t?.type === 'ident' && t.text.toUpperCase() === word;
  }

  private expectKeyword(word: string): void {
    const t = this.next();
    if (t.type !== 'ident' || t.text.toUpperCase() !== word) throw new SoqlSyntaxError(`expecting '${word}', found '${t.text}'`);
  }

  private expectPunct(p: string): void {
    const t = this.next();
    if (t.type !== 'punct' || t.text !== p) throw new SoqlSyntaxError(`expecting '${p}', found '${t.text}'`);
  }

  private ident(): string {
    const t = this.next();
    if (t.type !== 'ident') throw new SoqlSyntaxError(`unexpected token: '${t.text}'`);
    return t.text;
  }

  parse(): SoqlQuery {
    this.expectKeyword('SELECT');
    let count = false;
    const fields: string[] = [];
    if (this.isKeyword('COUNT') && this.tokens[this.pos + 1]?.text === '(') {
      this.next();
      this.expectPunct('(');
      this.expectPunct(')');
      count = true;
    } else {
      do fields.push(this.ident());
      while (this.peek()?.text === ',' && this.next());
    }
    this.expectKeyword('FROM');
    const from = this.ident();
    let where: Condition | null = null;
    const orderBy: OrderBy[] = [];
    let limit: number | null = null;
    let offset = 0;
    if (this.isKeyword('WHERE')) {
      this.next();
      where = this.orExpr();
    }
    if (this.isKeyword('ORDER')) {
      this.next();
      this.expectKeyword('BY');
      do orderBy.push(this.orderItem());
      while (this.peek()?.text === ',' && this.next());
    }
    if (this.isKeyword('LIMIT')) {
      this.next();
      limit = this.integer();
    }
    if (this.isKeyword('OFFSET')) {
      this.next();
      offset = this.integer();
    }
    const extra = this.peek();
    if (extra) throw new SoqlSyntaxError(`unexpected token: '${extra.text}'`);
    return { count, fields, from, where, orderBy, limit, offset };
  }

  private integer(): number {
    const t = this.next();
    if (t.type !== 'number' || !/^\d+$/.test(t.text)) throw new SoqlSyntaxError(`expecting a non-negative integer, found '${t.text}'`);
    return Number(t.text);
  }

  private orderItem(): OrderBy {
    const field = this.ident();
    let direction: OrderBy['direction'] = 'ASC';
    if (this.isKeyword('ASC') || this.isKeyword('DESC')) direction = this.next().text.toUpperCase() as OrderBy['direction'];
    let nulls: OrderBy['nulls'] = direction === 'ASC' ? 'FIRST' : 'LAST';
    if (this.isKeyword('NULLS')) {
      this.next();
      const which = this.ident().toUpperCase();
      if (which !== 'FIRST' && which !== 'LAST') throw new SoqlSyntaxError(`expecting FIRST or LAST, found '${which}'`);
      nulls = which;
    }
    return { field, direction, nulls };
  }

  private orExpr(): Condition {
    let left = this.andExpr();
    while (this.isKeyword('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.andExpr() };
    }
    return left;
  }

  private andExpr(): Condition {
    let left = this.notExpr();
    while (this.isKeyword('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.notExpr() };
    }
    return left;
  }

  private notExpr(): Condition {
    if (this.isKeyword('NOT')) {
      this.next();
      return { kind: 'not', inner: this.notExpr() };
    }
    if (this.peek()?.text === '(') {
      this.next();
      const inner = this.orExpr();
      this.expectPunct(')');
      return inner;
    }
    return this.predicate();
  }

  private predicate(): Condition {
    const field = this.ident();
    if (this.isKeyword('LIKE')) {
      this.next();
      const t = this.next();
      if (t.type !== 'string') throw new SoqlSyntaxError('LIKE needs a string literal');
      return { kind: 'like', field, pattern: t.text };
    }
    const negated = this.isKeyword('NOT') && this.isKeyword('IN', 1);
    if (negated) this.next();
    if (this.isKeyword('IN')) {
      this.next();
      this.expectPunct('(');
      const values: Literal[] = [];
      do values.push(this.literal());
      while (this.peek()?.text === ',' && this.next());
      this.expectPunct(')');
      return { kind: 'in', field, negated, values };
    }
    const op = this.next();
    if (op.type !== 'op') throw new SoqlSyntaxError(`unexpected token: '${op.text}'`);
    return { kind: 'compare', field, op: op.text as '=' | '!=' | '<' | '>' | '<=' | '>=', value: this.literal() };
  }

  private literal(): Literal {
    const t = this.next();
    switch (t.type) {
      case 'string':
        return { kind: 'string', value: t.text };
      case 'number':
        return { kind: 'number', value: Number(t.text) };
      case 'date':
        return { kind: 'date', value: t.text };
      case 'datetime':
        return { kind: 'datetime', value: t.text };
      case 'ident': {
        const upper = t.text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE' };
        if (upper === 'NULL') return { kind: 'null' };
        if (this.peek()?.text === ':') {
          this.next();
          return { kind: 'relativeDate', name: upper, n: this.integer() };
        }
        return { kind: 'relativeDate', name: upper };
      }
      default:
        throw new SoqlSyntaxError(`unexpected token: '${t.text}'`);
    }
  }
}

export function parseSoql(soql: string): SoqlQuery {
  return new Parser(tokenize(soql.trim())).parse();
}
