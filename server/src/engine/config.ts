// `.cluster-auth-lint.yaml`, read by the CLI and the server alike. A bad file never stops linting:
// its problems become findings on the config file, and the defaults apply.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse as parsePath } from 'node:path';
import configSchema from '../../../schemas/cluster-auth-lint.schema.json';
import { fileSource } from './source';
import { validateNode } from './schema';
import type { Finding, RuleSetting, Severity } from './types';

export const CONFIG_FILE = '.cluster-auth-lint.yaml';

export interface ResolvedConfig {
  /** Explicit settings only; rules not named run at their default (or preset) severity. */
  rules: Record<string, RuleSetting>;
  preset: 'recommended' | 'strict';
  clusterDomain?: string;
  oauth2Proxy: { internalUrl: string };
  mcp: { hosts: string[] };
  ignore: string[];
  maxFileSize: number;
  /** Folder that `ignore` globs are relative to (the config file's folder). */
  root?: string;
}

export const defaultConfig: ResolvedConfig = {
  rules: {},
  preset: 'recommended',
  oauth2Proxy: { internalUrl: 'http://oauth2-proxy.oauth2-proxy.svc.cluster.local' },
  mcp: { hosts: [] },
  ignore: [],
  maxFileSize: 2 * 1024 * 1024,
};

export function findConfigFile(startDir: string): string | undefined {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir || dir === parsePath(dir).root) return undefined;
    dir = up;
  }
}

export function configProblem(file: string, text: string, start: number, end: number, message: string): Finding {
  const src = fileSource(file, text);
  return {
    ruleId: 'meta/config',
    severity: 'error',
    message,
    file,
    start,
    end,
    span: src.file.lines.span(start, end),
    fixes: [],
    related: [],
  };
}

/** Reads the config text; problems are findings on the config file, and what is valid still applies. */
export function parseConfig(file: string, text: string, overrides: Partial<ResolvedConfig> = {}): { config: ResolvedConfig; findings: Finding[] } {
  const src = fileSource(file, text);
  const findings: Finding[] = [];
  const config: ResolvedConfig = { ...defaultConfig, rules: {}, oauth2Proxy: { ...defaultConfig.oauth2Proxy }, mcp: { hosts: [] }, ignore: [], root: dirname(file) };
  const doc = src.docs[0];
  if (doc && doc.errors.length > 0) {
    const e = doc.errors[0];
    findings.push(configProblem(file, text, e.pos[0], e.pos[1], `${CONFIG_FILE} is not valid YAML (${e.code}); using the default configuration.`));
    return { config: { ...config, ...overrides }, findings };
  }
  const root = doc?.contents;
  let data: Record<string, unknown> = {};
  if (root) {
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 50 });
    } catch {
      js = undefined; // an alias bomb in the config: the schema finding below says what is wrong
    }
    if (js && typeof js === 'object' && !Array.isArray(js)) data = js as Record<string, unknown>;
    for (const p of validateNode(configSchema, src, root, doc)) {
      findings.push(configProblem(file, text, p.start, p.end, `${CONFIG_FILE}: ${p.message}; this setting is ignored.`));
    }
  }
  // Each field is taken only when it has the right shape; the schema findings above say what was dropped.
  if (data.extends === 'strict' || data.extends === 'recommended') config.preset = data.extends;
  if (data.rules && typeof data.rules === 'object') {
    for (const [id, sev] of Object.entries(data.rules as Record<string, unknown>)) {
      if (sev === 'off' || sev === 'error' || sev === 'warning' || sev === 'info') config.rules[id] = sev;
    }
  }
  if (typeof data.clusterDomain === 'string') config.clusterDomain = data.clusterDomain.replace(/^\.+/, '');
  const proxy = data.oauth2Proxy as { internalUrl?: unknown } | undefined;
  if (proxy && typeof proxy.internalUrl === 'string' && /^https?:\/\//.test(proxy.internalUrl)) config.oauth2Proxy.internalUrl = proxy.internalUrl.replace(/\/+$/, '');
  const mcp = data.mcp as { hosts?: unknown } | undefined;
  if (mcp && Array.isArray(mcp.hosts)) config.mcp.hosts = mcp.hosts.filter((h): h is string => typeof h === 'string');
  if (Array.isArray(data.ignore)) config.ignore = data.ignore.filter((g): g is string => typeof g === 'string');
  if (typeof data.maxFileSize === 'number' && data.maxFileSize > 0) config.maxFileSize = Math.floor(data.maxFileSize);
  return { config: { ...config, ...overrides }, findings };
}

export function loadConfig(file: string | undefined, overrides: Partial<ResolvedConfig> = {}): { config: ResolvedConfig; findings: Finding[] } {
  if (!file) return { config: { ...defaultConfig, ...overrides }, findings: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { config: { ...defaultConfig, ...overrides }, findings: [configProblem(file, '', 0, 0, `${CONFIG_FILE} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); using the default configuration.`)] };
  }
  return parseConfig(file, text, overrides);
}

const RAISE: Record<Severity, Severity> = { info: 'warning', warning: 'error', error: 'error' };

/** The severity a rule runs at, or 'off'. */
export function effectiveSetting(config: ResolvedConfig, id: string, defaultSeverity: Severity): RuleSetting {
  const explicit = config.rules[id];
  if (explicit) return explicit;
  return config.preset === 'strict' ? RAISE[defaultSeverity] : defaultSeverity;
}
