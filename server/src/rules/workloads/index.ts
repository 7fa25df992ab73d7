import type { Rule } from '../../engine/rule';
import { rule as secretReload } from './secret-reload';

// Rules of this component; each rule file exports `rule`.
export const workloadsRules: Rule[] = [secretReload];
