// Inline suppressions, ESLint/yamllint style, in YAML comments:
//   # cluster-auth-lint-disable-next-line <rule-id>[, <rule-id>] -- <why>
//   <yaml> # cluster-auth-lint-disable-line <rule-id>
//   # cluster-auth-lint-disable-file <rule-id>
// Without ids a directive covers every rule.
import type { Finding, TextEdit } from './types';
import { LineIndex, newlineOf } from './lines';

export interface Directive {
  kind: 'next-line' | 'line' | 'file';
  /** 0-based line the directive covers (for `file`: its own line). */
  target: number;
  ids: string[];
  /** Range of the directive comment, for the unused-suppression finding. */
  start: number;
  end: number;
  used: Set<string>;
}

const DIRECTIVE = /(?:^|\s)#\s*cluster-auth-lint-disable-(next-line|line|file)\b([^\r\n]*)/g;

export function findDirectives(text: string, linesOf: () => LineIndex): Directive[] {
  if (!text.includes('cluster-auth-lint-disable')) return [];
  const lines = linesOf();
  const out: Directive[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const start = m.index! + m[0].indexOf('#');
    const line = lines.positionAt(start).line;
    const body = m[2].split(/\s--\s|\s--$/)[0];
    const ids = body.split(/[\s,]+/).filter(Boolean);
    const kind = m[1] as Directive['kind'];
    out.push({ kind, target: kind === 'next-line' ? line + 1 : line, ids, start, end: start + m[0].trimStart().length, used: new Set() });
  }
  return out;
}

/** Removes suppressed findings and marks the directives that did the work. */
export function applyDirectives(findings: Finding[], directives: Directive[]): Finding[] {
  if (directives.length === 0) return findings;
  return findings.filter((f) => {
    for (const d of directives) {
      const covers = d.kind === 'file' || d.target === f.span.start.line;
      if (!covers) continue;
      if (d.ids.length === 0 || d.ids.includes(f.ruleId)) {
        d.used.add(d.ids.length === 0 ? '*' : f.ruleId);
        return false;
      }
    }
    return true;
  });
}

function indentOf(text: string, lines: LineIndex, line: number): string {
  const s = lines.lineStart(line);
  const m = /^[ \t]*/.exec(text.slice(s, s + 200));
  return m ? m[0] : '';
}

/** `# cluster-auth-lint-disable-next-line <id>` above `line`, merged into a directive already there. */
export function disableLineEdit(text: string, line: number, ruleId: string): TextEdit {
  const lines = new LineIndex(text);
  const above = line - 1;
  if (above >= 0) {
    const s = lines.lineStart(above);
    const e = line < lines.lineCount ? lines.lineStart(line) : text.length;
    const prev = text.slice(s, e);
    const m = /#\s*cluster-auth-lint-disable-next-line\b([^\r\n]*?)(\s--\s[^\r\n]*)?$/m.exec(prev);
    if (m) {
      const idsEnd = s + m.index + m[0].length - (m[2]?.length ?? 0);
      return { start: idsEnd, end: idsEnd, newText: `, ${ruleId}` };
    }
  }
  const at = lines.lineStart(line);
  const eol = newlineOf(text);
  return { start: at, end: at, newText: `${indentOf(text, lines, line)}# cluster-auth-lint-disable-next-line ${ruleId}${eol}` };
}

export function disableFileEdit(text: string, ruleId: string): TextEdit {
  const eol = newlineOf(text);
  return { start: 0, end: 0, newText: `# cluster-auth-lint-disable-file ${ruleId}${eol}` };
}
