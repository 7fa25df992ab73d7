// The workspace: every known file's text and cross-file facts, lints on demand, and tells which
// files to check again when a fact changes. Used by the CLI (all files) and the server (open files).
import { relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { defaultConfig, type ResolvedConfig } from './config';
import { FactStore, TrackingQuery } from './facts';
import { buildModel, type FileModel } from './model';
import { lintModel } from './lint';
import { extractFacts } from './views/index';
import { chartFor } from './views/charts';
import { rules as allRules } from '../rules/index';
import type { Rule } from './rule';
import type { Finding } from './types';
import { LineIndex } from './lines';

export const SKIPPED_FILE = 'meta/skipped-file';
/** Parsed models kept for re-use, by total source size: the server lints few files, the CLI all of them. */
export const EDITOR_MODEL_CACHE_BYTES = 2 * 1024 * 1024;
export const CLI_MODEL_CACHE_BYTES = 32 * 1024 * 1024;

export interface WorkspaceOptions {
  /** Source bytes whose parsed models are kept between index and lint (LRU); a model is ~15x its text. */
  modelCacheBytes?: number;
}

export class Workspace {
  private readonly store = new FactStore();
  private readonly texts = new Map<string, string>();
  private readonly asked = new Map<string, Set<string>>();
  private readonly models = new Map<string, { text: string; chartDir?: string; model: FileModel }>();
  private cachedBytes = 0;
  private ignoreMatcher: ((p: string) => boolean) | undefined;
  private readonly cacheBudget: number;

  constructor(private config: ResolvedConfig = defaultConfig, private readonly rules: readonly Rule[] = allRules, options: WorkspaceOptions = {}) {
    this.cacheBudget = options.modelCacheBytes ?? EDITOR_MODEL_CACHE_BYTES;
    this.setConfig(config);
  }

  setConfig(config: ResolvedConfig): void {
    this.config = config;
    this.ignoreMatcher = config.ignore.length > 0 ? picomatch(config.ignore, { dot: true }) : undefined;
    this.models.clear();
    this.cachedBytes = 0;
  }

  getConfig(): ResolvedConfig {
    return this.config;
  }

  isIgnored(path: string): boolean {
    if (!this.ignoreMatcher) return false;
    const rel = this.config.root ? relative(this.config.root, path) : path;
    return this.ignoreMatcher(rel.split(sep).join('/'));
  }

  has(path: string): boolean {
    return this.texts.has(path);
  }

  files(): string[] {
    return [...this.texts.keys()];
  }

  text(path: string): string | undefined {
    return this.texts.get(path);
  }

  /** Adds or replaces a file; returns the other linted files whose findings may change. */
  update(path: string, text: string): string[] {
    if (typeof text !== 'string') text = ''; // from a misbehaving client: nothing to lint, nothing stored that could throw later
    this.texts.set(path, text);
    if (skipReason(text, this.config) !== undefined) return this.dependents(path, this.store.set(path, {}));
    let facts = {};
    try {
      facts = extractFacts(this.model(path, text));
    } catch {
      facts = {};
    }
    return this.dependents(path, this.store.set(path, facts));
  }

  remove(path: string): string[] {
    this.texts.delete(path);
    this.asked.delete(path);
    this.forget(path);
    return this.dependents(path, this.store.remove(path));
  }

  /** Findings for a known file; never throws. */
  lint(path: string): Finding[] {
    const text = this.texts.get(path);
    if (text === undefined) return [];
    const reason = skipReason(text, this.config);
    if (reason === 'binary') return [];
    if (reason === 'size') {
      const lines = new LineIndex(text.slice(0, 1000));
      return [{ ruleId: SKIPPED_FILE, severity: 'info', message: `File not linted: it is larger than maxFileSize (${this.config.maxFileSize} bytes).`, file: path, start: 0, end: 0, span: lines.span(0, 0), fixes: [], related: [] }];
    }
    try {
      const query = new TrackingQuery(this.store);
      const findings = lintModel(this.model(path, text), this.rules, this.config, query);
      this.asked.set(path, query.asked);
      return findings;
    } catch (e) {
      const lines = new LineIndex('');
      return [{ ruleId: 'meta/internal-error', severity: 'error', message: `cluster-auth-lint failed on this file (${(e as Error)?.name ?? 'Error'}). Please report this.`, file: path, start: 0, end: 0, span: lines.span(0, 0), fixes: [], related: [] }];
    }
  }

  private model(path: string, text: string): FileModel {
    const chart = chartFor(path, this.store.all('charts'));
    const cached = this.models.get(path);
    if (cached && cached.text === text && cached.chartDir === chart?.dir) return cached.model;
    const model = buildModel(path, text, { chart });
    this.forget(path);
    this.models.set(path, { text, chartDir: chart?.dir, model });
    this.cachedBytes += text.length;
    while (this.cachedBytes > this.cacheBudget && this.models.size > 1) this.forget(this.models.keys().next().value as string);
    return model;
  }

  private forget(path: string): void {
    const old = this.models.get(path);
    if (!old) return;
    this.cachedBytes -= old.text.length;
    this.models.delete(path);
  }

  private dependents(path: string, changed: string[]): string[] {
    if (changed.length === 0) return [];
    const out: string[] = [];
    for (const [file, kinds] of this.asked) {
      if (file === path) continue;
      if (changed.some((k) => kinds.has(k))) out.push(file);
    }
    // A Chart.yaml decides which chart the values and templates beside it belong to.
    if (changed.includes('charts')) {
      const dir = path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
      for (const file of this.asked.keys()) if (file !== path && file.startsWith(dir) && !out.includes(file)) out.push(file);
    }
    return out;
  }
}

export function skipReason(text: string, config: ResolvedConfig): 'size' | 'binary' | undefined {
  if (text.length > config.maxFileSize) return 'size';
  if (text.slice(0, 8000).includes('\u0000')) return 'binary';
  return undefined;
}

/** Lints one text on its own (no other files): for tests, snippets and quick checks. */
export function lintText(text: string, path = '/untitled.yaml', config: ResolvedConfig = defaultConfig, files: Record<string, string> = {}, rules: readonly Rule[] = allRules): Finding[] {
  const ws = new Workspace(config, rules);
  for (const [p, t] of Object.entries(files)) ws.update(p, t);
  ws.update(path, text);
  return ws.lint(path);
}
