import type { Rule } from '../../engine/rule';
import { rule as behindForwardAuth } from './behind-forward-auth';
import { rule as multipleReplicas } from './multiple-replicas';

// Rules of this component; each rule file exports `rule`.
export const mcpRules: Rule[] = [behindForwardAuth, multipleReplicas];
