// Splits one VPP CLI line into words with their 1-based columns. `#` starts a comment outside
// quotes; double quotes group words.
export interface Token {
  text: string;
  column: number;
}

export class CliError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where tokenize() sees a `#` comment start, or -1 (none, or an unterminated quote first). */
export function commentStart(line: string): number {
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "#") return i;
    else if (c === '"') {
      const close = line.indexOf('"', i + 1);
      if (close < 0) return -1;
      i = close + 1;
    } else {
      while (i < line.length && !" \t\r#".includes(line[i])) i++;
    }
  }
  return -1;
}

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") break;
    const column = i + 1;
    if (c === '"') {
      const close = line.indexOf('"', i + 1);
      if (close < 0) throw new CliError(column, "unterminated quoted string");
      tokens.push({ text: line.slice(i + 1, close), column });
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < line.length && !" \t\r#".includes(line[j])) j++;
    tokens.push({ text: line.slice(i, j), column });
    i = j;
  }
  return tokens;
}
