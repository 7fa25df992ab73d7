// Expands a VS Code snippet body the way the editor does when the user accepts every default:
// placeholders take their default, choices their first option, mirrors repeat the first value of
// their tab stop, `$0` and variables become empty, and `\$`, `\}`, `\\` are unescaped.

export function expandSnippet(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const values = new Map<string, string>();
  let i = 0;

  function parse(stopAt: string | undefined): string {
    let out = '';
    while (i < text.length) {
      const c = text[i];
      if (stopAt && c === stopAt) return out;
      if (c === '\\' && i + 1 < text.length && '$}\\'.includes(text[i + 1])) {
        out += text[i + 1];
        i += 2;
      } else if (c === '$') out += dollar();
      else {
        out += c;
        i++;
      }
    }
    if (stopAt) throw new Error(`unterminated snippet construct: expected ${stopAt}`);
    return out;
  }

  function dollar(): string {
    i++;
    const simple = /^(\d+|[A-Z_]+)/.exec(text.slice(i));
    if (simple) {
      i += simple[0].length;
      return /^\d+$/.test(simple[0]) ? values.get(simple[0]) ?? '' : '';
    }
    if (text[i] !== '{') return '$';
    i++;
    const name = /^(\d+|[A-Z_]+)/.exec(text.slice(i));
    if (!name) throw new Error(`bad snippet construct at ${i}`);
    i += name[0].length;
    const key = name[0];
    if (text[i] === '}') {
      i++;
      return values.get(key) ?? '';
    }
    if (text[i] === ':') {
      i++;
      const def = parse('}');
      i++;
      if (!values.has(key)) values.set(key, def);
      return values.get(key)!;
    }
    if (text[i] === '|') {
      const end = text.indexOf('|}', i + 1);
      if (end === -1) throw new Error('unterminated choice');
      const first = text.slice(i + 1, end).split(',')[0];
      i = end + 2;
      if (!values.has(key)) values.set(key, first);
      return values.get(key)!;
    }
    throw new Error(`bad snippet construct at ${i}`);
  }

  return parse(undefined);
}
