// Chart.yaml files: which chart a values file or a template belongs to, and its dependencies'
// versions (the oauth2-proxy chart's defaults changed at 10.4.0).
import { basename, dirname } from 'node:path';
import { isMap } from 'yaml';
import type { FactBase } from '../facts';
import type { ChartInfo, FileModel } from '../model';
import { asMap, get, items, str } from '../yamlnav';

export interface ChartFact extends FactBase, ChartInfo {}

declare module '../facts' {
  interface FactKinds {
    charts: ChartFact;
  }
}

export function chartFacts(model: FileModel): ChartFact[] {
  if (basename(model.path) !== 'Chart.yaml') return [];
  const top = model.root.docs[0]?.contents;
  if (!isMap(top)) return [];
  const name = str(get(top, 'name'));
  if (!name) return [];
  const deps = items(get(top, 'dependencies'))
    .map((d) => asMap(d))
    .filter((d) => d && str(get(d, 'name')))
    .map((d) => ({ name: str(get(d, 'name'))!, alias: str(get(d, 'alias')), version: str(get(d, 'version')) }));
  const r = top.range ?? [0, 0, 0];
  return [{ file: model.path, span: model.root.file.lines.span(r[0], r[0]), name, version: str(get(top, 'version')), dir: dirname(model.path), dependencies: deps }];
}

/** The chart a file belongs to: a Chart.yaml in its folder, or above a `templates/` folder. */
export function chartFor(path: string, charts: ReadonlyArray<ChartFact>): ChartInfo | undefined {
  const dir = dirname(path);
  const here = charts.find((c) => c.dir === dir);
  if (here || basename(dir) !== 'templates') return here;
  return charts.find((c) => c.dir === dirname(dir));
}
