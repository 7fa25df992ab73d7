import type { FileModel } from './model';
import type { ResolvedConfig } from './config';
import type { Report, RuleMeta } from './types';
import type { IndexQuery } from './facts';

export interface RuleContext {
  file: FileModel;
  config: ResolvedConfig;
  /** Cross-file facts of the workspace (this file included). */
  index: IndexQuery;
  report(report: Report): void;
}

/** One rule: metadata beside a pure check over the file's views and the workspace index. */
export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}
