// WWW-Authenticate parsing (RFC 9110 §11.6.1): one header may carry several challenges, each a
// scheme with auth-params or a token68. Small enough to own; the probe needs the Bearer one's
// `resource_metadata`, `error` and `scope`, and where it sits among the others.

export interface Challenge {
  /** Lower-cased, e.g. "bearer". */
  scheme: string;
  /** Parameter names lower-cased; quoted values unescaped. */
  params: Record<string, string>;
  token68?: string;
}

const TOKEN = "[!#$%&'*+\\-.^_`|~0-9A-Za-z]+";
const PARAM = new RegExp(`^(${TOKEN})[ \\t]*=[ \\t]*("(?:[^"\\\\]|\\\\.)*"|${TOKEN})`);
const SCHEME = new RegExp(`^(${TOKEN})`);
const TOKEN68 = /^([A-Za-z0-9\-._~+/]+=*)[ \t]*(?=,|$)/;

export function parseChallenges(header: string): Challenge[] {
  const out: Challenge[] = [];
  let rest = header.trim();
  const skip = (re: RegExp): void => {
    rest = rest.replace(re, '');
  };
  while (rest.length > 0) {
    skip(/^[\s,]+/);
    const scheme = SCHEME.exec(rest);
    if (!scheme) break;
    rest = rest.slice(scheme[0].length);
    const challenge: Challenge = { scheme: scheme[1].toLowerCase(), params: {} };
    out.push(challenge);
    skip(/^[ \t]+/);
    const t68 = PARAM.test(rest) ? null : TOKEN68.exec(rest);
    if (t68) {
      challenge.token68 = t68[1];
      rest = rest.slice(t68[0].length);
      continue;
    }
    for (;;) {
      const p = PARAM.exec(rest);
      if (!p) break;
      const raw = p[2];
      challenge.params[p[1].toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
      rest = rest.slice(p[0].length);
      // After a comma comes either another parameter of this challenge or the next challenge.
      const after = /^[\s]*,[\s,]*/.exec(rest);
      if (!after) break;
      const tail = rest.slice(after[0].length);
      if (!PARAM.test(tail)) break;
      rest = tail;
    }
  }
  return out;
}
