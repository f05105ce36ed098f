// Expands a VS Code snippet body the way the editor does when the user accepts
// every default: placeholders become their default text (or a given value),
// choices their first option, mirrors ($1 after ${1:x}) the same text, and
// tabstops nothing. Variables ($TM_FILENAME and the like) are refused: in a
// Dockerfile snippet an unescaped $NAME is a shell variable that VS Code would
// replace, so it must be written \$NAME.
// Grammar: https://code.visualstudio.com/docs/editing/userdefinedsnippets#_grammar

type Node = string | { tabstop: number; children: Node[] | null; choice?: string };

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  parse(stopAtBrace = false): Node[] {
    const nodes: Node[] = [];
    let literal = '';
    const flush = () => {
      if (literal) nodes.push(literal);
      literal = '';
    };
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === '\\' && '$}\\'.includes(this.text[this.at + 1] ?? '')) {
        literal += this.text[this.at + 1];
        this.at += 2;
      } else if (c === '}' && stopAtBrace) {
        break;
      } else if (c === '$') {
        flush();
        nodes.push(this.dollar());
      } else {
        literal += c;
        this.at++;
      }
    }
    flush();
    return nodes;
  }

  private dollar(): Node {
    const rest = this.text.slice(this.at);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.at += m[0].length;
      return { tabstop: Number(m[1]), children: null };
    }
    m = /^\$\{(\d+)(\}|:|\|)/.exec(rest);
    if (m) {
      this.at += m[0].length;
      const tabstop = Number(m[1]);
      if (m[2] === '}') return { tabstop, children: null };
      if (m[2] === '|') {
        const end = this.text.indexOf('|}', this.at);
        if (end < 0) throw new Error(`unclosed choice at ${this.at}`);
        const options = this.text.slice(this.at, end).split(',');
        this.at = end + 2;
        return { tabstop, children: null, choice: options[0] };
      }
      const children = this.parse(true);
      if (this.text[this.at] !== '}') throw new Error(`unclosed placeholder \${${tabstop}: at ${this.at}`);
      this.at++;
      return { tabstop, children };
    }
    const variable = /^\$\{?([A-Za-z_]\w*)/.exec(rest);
    if (variable) throw new Error(`unescaped \$${variable[1]}: VS Code reads it as a snippet variable; write \\$${variable[1]}`);
    throw new Error(`a lone $ at ${this.at}: write \\$`);
  }
}

/** The text a snippet body expands to, with `values` in place of the defaults of those tabstops. */
export function expandSnippet(body: string | string[], values: Record<number, string> = {}): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const nodes = new Parser(text).parse();
  const defaults = new Map<number, Node[] | string>();
  const collect = (list: Node[]) => {
    for (const n of list) {
      if (typeof n === 'string') continue;
      if (!defaults.has(n.tabstop) && (n.children || n.choice !== undefined)) defaults.set(n.tabstop, n.children ?? n.choice!);
      if (n.children) collect(n.children);
    }
  };
  collect(nodes);
  const render = (list: Node[]): string =>
    list
      .map((n) => {
        if (typeof n === 'string') return n;
        if (n.tabstop in values) return values[n.tabstop];
        const d = defaults.get(n.tabstop);
        return d === undefined ? '' : typeof d === 'string' ? d : render(d);
      })
      .join('');
  return render(nodes);
}
