// CLI output formats. The JSON shape is a public contract (version 1): keep it stable.
import { relative, sep } from 'node:path';
import type * as Sarif from 'sarif';
import type { Finding, RuleMeta } from '../engine/types';

export function relPath(file: string, cwd = process.cwd()): string {
  const r = relative(cwd, file);
  return (r === '' ? file : r).split(sep).join('/');
}

export interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fixable: boolean;
}

export function toJson(fileCount: number, findings: Finding[]): { version: 1; files: number; findings: JsonFinding[] } {
  return {
    version: 1,
    files: fileCount,
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: relPath(f.file),
      line: f.span.start.line + 1,
      column: f.span.start.character + 1,
      endLine: f.span.end.line + 1,
      endColumn: f.span.end.character + 1,
      message: f.message,
      fixable: f.fixes.length > 0,
    })),
  };
}

export function toText(fileCount: number, findings: Finding[]): string {
  const out: string[] = [];
  let current = '';
  for (const f of findings) {
    const file = relPath(f.file);
    if (file !== current) {
      if (current) out.push('');
      current = file;
    }
    out.push(`${file}:${f.span.start.line + 1}:${f.span.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}`);
    for (const r of f.related) out.push(`    related: ${relPath(r.file)}:${r.span.start.line + 1}:${r.span.start.character + 1} ${r.message}`);
  }
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const fixable = findings.filter((f) => f.fixes.length > 0).length;
  if (out.length) out.push('');
  out.push(
    `${findings.length} problem${findings.length === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('info')} info) in ${fileCount} file${fileCount === 1 ? '' : 's'}` +
      (fixable ? `; ${fixable} fixable with --fix` : ''),
  );
  return out.join('\n') + '\n';
}

const LEVEL: Record<string, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(findings: Finding[], metas: RuleMeta[], docsUrl: (id: string) => string, version: string): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = metas.map((m) => ({
    id: m.id,
    shortDescription: { text: m.summary },
    helpUri: docsUrl(m.id),
    defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
    properties: { fixable: m.fixable },
  }));
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const region = (s: Finding['span']): Sarif.Region => ({ startLine: s.start.line + 1, startColumn: s.start.character + 1, endLine: s.end.line + 1, endColumn: s.end.character + 1 });
  const results: Sarif.Result[] = findings.map((f) => ({
    ruleId: f.ruleId,
    ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
    level: LEVEL[f.severity] as Sarif.Result.level,
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: relPath(f.file), uriBaseId: '%SRCROOT%' }, region: region(f.span) } }],
    ...(f.related.length
      ? { relatedLocations: f.related.map((r, i) => ({ id: i, message: { text: r.message }, physicalLocation: { artifactLocation: { uri: relPath(r.file), uriBaseId: '%SRCROOT%' }, region: region(r.span) } })) }
      : {}),
  }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'cluster-auth-lint', version, informationUri: 'https://github.com/cluster-auth-lint/cluster-auth-lint', rules } }, results }],
  };
}
