import type { Rule } from '../../engine/rule';

// Rules of this component; each rule file exports `rule`.
export const mcpRules: Rule[] = [];
