// Search over the metadata in the page, with the server's semantics: the first column unless one is
// named, a case-insensitive regular expression or substring, a missing value matched as empty text.

import { ApiError } from '../api/problem';
import type { Metadata, SearchAnswer } from '../api/contract';

export function searchMetadata(metadata: Metadata, dataset: string, column: string | null, query: string, regex: boolean): SearchAnswer {
  if (metadata.columns.length === 0) throw new ApiError(`The dataset '${dataset}' has no metadata to search.`, 400);
  const c = column === null || column === '' ? metadata.columns[0] : metadata.columns.find((x) => x.name === column);
  if (!c) throw new ApiError(`There is no metadata column '${column}'; the columns are ${metadata.columns.map((x) => x.name).join(', ')}.`, 400);
  let test: (text: string) => boolean;
  if (regex) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(query, 'i');
    } catch (error) {
      const reason = (error as Error).message.replace(/^Invalid regular expression: /, '');
      throw new ApiError(`'${query}' is not a valid regular expression: ${reason}`, 400);
    }
    test = (text) => pattern.test(text);
  } else {
    const needle = query.toLowerCase();
    test = (text) => text.toLowerCase().includes(needle);
  }
  const indices: number[] = [];
  // The file's own text where the server has it (a number column written as 7.0 matches ^7\.0$, as on the server).
  const values = c.values;
  const text = c.text;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (test(text ? text[i] : v === null || v === undefined ? '' : String(v))) indices.push(i);
  }
  return { column: c.name, count: indices.length, indices };
}
