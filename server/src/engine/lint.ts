// The rule runner: one model per file, every enabled rule over it, isolation of a rule that throws,
// severities from the config, then inline suppressions (and the ones that suppressed nothing).
import { buildModel, type FileContext, type FileModel } from './model';
import { effectiveSetting, type ResolvedConfig } from './config';
import { findDirectives, applyDirectives } from './suppress';
import type { IndexQuery } from './facts';
import type { Rule } from './rule';
import type { Finding, Report, Severity } from './types';
import { aliasBomb, ALIAS_EXPANSION_LIMIT } from './aliases';

export const INTERNAL_ERROR = 'meta/internal-error';
export const UNUSED_SUPPRESSION = 'meta/unused-suppression';
export const ALIAS_BOMB = 'meta/alias-bomb';

export function lintModel(model: FileModel, rules: readonly Rule[], config: ResolvedConfig, index: IndexQuery): Finding[] {
  const file = model.root.file;
  const textLength = model.root.file.text.length;
  const findings: Finding[] = [];
  const enabled = new Set<string>();
  for (const rule of rules) {
    const setting = effectiveSetting(config, rule.meta.id, rule.meta.defaultSeverity);
    if (setting === 'off') continue;
    enabled.add(rule.meta.id);
    const explicit = config.rules[rule.meta.id] !== undefined;
    const seen = new Set<string>();
    const report = (r: Report): void => {
      const start = clamp(r.start, textLength);
      const end = clamp(Math.max(r.end, r.start), textLength);
      const key = `${start}:${end}:${r.message}`;
      if (seen.has(key)) return; // one place reached through two containers is one finding
      seen.add(key);
      const severity: Severity = explicit ? (setting as Severity) : r.severity ?? (setting as Severity);
      findings.push({ ruleId: rule.meta.id, severity, message: r.message, file: model.path, start, end, span: file.lines.span(start, end), fixes: rule.meta.fixable ? r.fixes ?? [] : [], related: r.related ?? [] });
    };
    try {
      rule.check({ file: model, config, index, report });
    } catch (e) {
      // A broken rule must not take the others down; say which one failed, never what it read.
      findings.push({ ruleId: INTERNAL_ERROR, severity: 'error', message: `Rule ${rule.meta.id} failed on this file (${(e as Error)?.name ?? 'Error'}); its findings are missing. Please report this.`, file: model.path, start: 0, end: 0, span: file.lines.span(0, 0), fixes: [], related: [] });
    }
  }
  if (model.root.masked.includes('*')) {
    for (const doc of model.root.docs) {
      const bomb = aliasBomb(doc);
      if (!bomb?.range) continue;
      findings.push({ ruleId: ALIAS_BOMB, severity: 'error', message: `This document's aliases expand to more than ${ALIAS_EXPANSION_LIMIT} nodes (a "billion laughs" document): Kubernetes, Helm and Argo CD expand aliases and will reject it or run out of memory.`, file: model.path, start: bomb.range[0], end: bomb.range[1], span: file.lines.span(bomb.range[0], bomb.range[1]), fixes: [], related: [] });
    }
  }
  const directives = findDirectives(file.text, () => file.lines);
  const kept = applyDirectives(findings, directives);
  if (effectiveSetting(config, UNUSED_SUPPRESSION, 'warning') !== 'off') {
    for (const d of directives) {
      const unused = d.ids.length === 0 ? (d.used.size === 0 ? ['(all rules)'] : []) : d.ids.filter((id) => !d.used.has(id) && (enabled.has(id) || !rules.some((r) => r.meta.id === id)));
      for (const id of unused) {
        kept.push({ ruleId: UNUSED_SUPPRESSION, severity: (config.rules[UNUSED_SUPPRESSION] as Severity | undefined) ?? 'warning', message: rules.some((r) => r.meta.id === id) || id === '(all rules)' ? `Suppression of ${id} suppresses nothing here; remove it so it cannot hide a future problem.` : `Suppression names an unknown rule \`${id}\`.`, file: model.path, start: d.start, end: d.end, span: file.lines.span(d.start, d.end), fixes: [], related: [] });
      }
    }
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
}

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(Number.isFinite(n) ? n : 0, max));
}

export function lintSource(path: string, text: string, rules: readonly Rule[], config: ResolvedConfig, index: IndexQuery, context: FileContext = {}): Finding[] {
  return lintModel(buildModel(path, text, context), rules, config, index);
}
