// Fix edits shared by the oauth2-proxy rules: add a flag to an instance wherever it takes flags
// (the chart's extraArgs map or list, an embedding chart's oauth2Proxy.extraArgs, a container's
// args), replace one option value in place, write into the chart's `config:` map. Each returns
// undefined where the edit cannot be placed exactly: then no fix is offered.
import { isMap, isSeq, type Node, type YAMLMap } from 'yaml';
import { appendToSeq, insertIntoMap, replaceScalar, yamlScalar } from '../edits';
import { templatedIn } from '../source';
import type { TextEdit } from '../types';
import { val } from '../value';
import { asMap, get, pairOf } from '../yamlnav';
import type { OptionValue, ProxyInstance } from './oauth2proxy';

/** Adds `--flag=value` where this instance takes flags. */
export function addFlag(inst: ProxyInstance, flag: string, value: string): TextEdit | undefined {
  const src = inst.src;
  if (inst.kind === 'container') {
    const c = inst.container;
    if (!c) return undefined;
    const args = get(c.map, 'args');
    if (isSeq(args)) return appendToSeq(src, args, yamlScalar(`--${flag}=${value}`));
    if (args === undefined) return insertIntoMap(src, c.map, ['args:', `  - ${yamlScalar(`--${flag}=${value}`)}`]);
    return undefined;
  }
  const holder = inst.kind === 'embedded' ? inst.embedded : inst.values;
  if (!holder) return undefined;
  const extra = get(holder, 'extraArgs');
  if (isMap(extra)) return insertIntoMap(src, extra, [`${flag}: ${yamlScalar(value)}`]);
  if (isSeq(extra)) return appendToSeq(src, extra, yamlScalar(`--${flag}=${value}`));
  if (extra !== undefined && extra !== null) return undefined;
  if (pairOf(holder, 'extraArgs')) return undefined;
  // The chart takes a map; embedding charts in the wild take raw flags.
  return inst.kind === 'embedded'
    ? insertIntoMap(src, holder, ['extraArgs:', `  - ${yamlScalar(`--${flag}=${value}`)}`])
    : insertIntoMap(src, holder, ['extraArgs:', `  ${flag}: ${yamlScalar(value)}`]);
}

/** Replaces one option value (exactly placed) with new text; YAML quoting kept when the value is a whole scalar. */
export function replaceValue(inst: ProxyInstance, v: OptionValue, text: string, node?: unknown): TextEdit | undefined {
  if (!v.exact || !inst.src.file) return undefined;
  const whole = node ? val(inst.src, node) : undefined;
  if (whole && whole.start === v.start && whole.end === v.end) return replaceScalar(whole, text);
  const current = inst.src.file.text.slice(v.start, v.end);
  // A TOML string keeps its quotes.
  if (/^".*"$|^'.*'$/s.test(current)) return { start: v.start + 1, end: v.end - 1, newText: text };
  return { start: v.start, end: v.end, newText: text };
}

/** Writes `lines` (a key and its nested lines) into the chart's `config:` map, creating the map if needed. */
export function addToChartConfig(inst: ProxyInstance, lines: string[]): TextEdit | undefined {
  const values = inst.values;
  if (!values) return undefined;
  const config = get(values, 'config');
  if (isMap(config)) return insertIntoMap(inst.src, config, lines);
  if (pairOf(values, 'config')) return undefined;
  return insertIntoMap(inst.src, values, ['config:', ...lines.map((l) => `  ${l}`)]);
}

/** Replaces a chart value (`key: <value>`) from just after the key to the end of its value. */
export function replaceChartValue(inst: ProxyInstance, map: YAMLMap | undefined, key: string, newValue: string): TextEdit | undefined {
  const pair = pairOf(asMap(map), key);
  const k = (pair?.key as Node | undefined)?.range;
  const v = (pair?.value as Node | undefined)?.range;
  if (!pair || !k || !inst.src.exact) return undefined;
  const start = inst.src.toOuter(k[1]);
  let end = v ? inst.src.toOuter(Math.max(v[0], v[1] - 1)) + 1 : start;
  // A block collection's range runs through its last line break.
  while (end > start && /\s/.test(inst.src.file.text[end - 1])) end--;
  if (templatedIn(inst.src, k[1], v ? v[1] : k[1])) return undefined;
  const between = inst.src.file.text.slice(start, end);
  if (!between.trimStart().startsWith(':')) return undefined;
  return { start, end, newText: `: ${newValue}` };
}
