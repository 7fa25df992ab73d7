// The engine's public vocabulary. Everything here is plain data so that the CLI, the language
// server and the tests can share it without pulling in the parser.

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = Severity | 'off';

/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Span {
  start: Position;
  end: Position;
}

/** A text replacement on the original (unmasked) text of the file being linted. Offsets are UTF-16 indices. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The safest of several fixes, or the only obvious one. */
  preferred?: boolean;
}

/** A location in another file (or elsewhere in this one), already converted to line/character. */
export interface RelatedLocation {
  file: string;
  span: Span;
  message: string;
}

/** What a rule reports: offsets into the linted file's original text. */
export interface Report {
  start: number;
  end: number;
  message: string;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Overrides the configured severity for this one finding (e.g. "error when it clearly targets another app"). */
  severity?: Severity;
}

/** A finding after the runner has applied configuration and suppressions. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  start: number;
  end: number;
  span: Span;
  fixes: Fix[];
  related: RelatedLocation[];
}

export interface RuleMeta {
  /** `<component>/<name>`, also the path of its file under server/src/rules and docs/rules. */
  id: string;
  defaultSeverity: Severity;
  /** One line, used in the README rule index, SARIF and hover. */
  summary: string;
  fixable: boolean;
  /** Rules that read other files through the workspace index. */
  crossFile?: boolean;
}
