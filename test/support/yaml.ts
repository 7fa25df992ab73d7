// Building YAML test texts from lines, shared by every rule's test table.

/** Lines joined into a file (with its final newline). */
export const y = (...lines: string[]): string => lines.join('\n') + '\n';

/** Lines indented by n spaces; empty lines stay empty. */
export const indent = (n: number, lines: string[]): string[] => lines.map((l) => (l === '' ? l : ' '.repeat(n) + l));

/** Lines indented by n spaces, empty ones too (as some block-scalar cases are written). */
export const indentAll = (n: number, lines: string[]): string[] => lines.map((l) => ' '.repeat(n) + l);
