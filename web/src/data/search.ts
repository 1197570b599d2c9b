// Matching metadata values the way the server's search does: case-insensitive regex or substring.

/** A matcher for the query, or an error message for a bad regular expression. */
export function compileQuery(query: string, regex: boolean): { test: (text: string) => boolean } | { error: string } {
  if (!regex) {
    const needle = query.toLowerCase();
    return { test: (text) => text.toLowerCase().includes(needle) };
  }
  try {
    const re = new RegExp(query, 'i');
    return { test: (text) => re.test(text) };
  } catch (error) {
    return { error: `Not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}` };
  }
}

/** Rows whose value in `values` matches; an empty query matches nothing. */
export function matchRows(values: readonly (string | number | null)[], query: string, regex: boolean): number[] | { error: string } {
  if (query === '') return [];
  const matcher = compileQuery(query, regex);
  if ('error' in matcher) return matcher;
  const rows: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined && matcher.test(String(v))) rows.push(i);
  }
  return rows;
}

/** Splits `text` around the first match, for showing the matched part in bold in the result list. */
export function highlightParts(text: string, query: string, regex: boolean): [string, string, string] {
  if (query === '') return [text, '', ''];
  let start = -1;
  let length = 0;
  if (regex) {
    try {
      const m = new RegExp(query, 'i').exec(text);
      if (m) {
        start = m.index;
        length = m[0].length;
      }
    } catch {
      return [text, '', ''];
    }
  } else {
    start = text.toLowerCase().indexOf(query.toLowerCase());
    length = query.length;
  }
  if (start < 0) return [text, '', ''];
  return [text.slice(0, start), text.slice(start, start + length), text.slice(start + length)];
}
