// Bookmarks as a JSON file: what "Export" writes and "Import" reads. The page's own file is
// `{ "format": "projector-bookmarks", "bookmarks": [ { name, description, state } ] }`; an import also
// takes the TensorFlow Embedding Projector's bookmarks file, an array of its `State` objects (label,
// selectedProjection, selectedPoints, pcaComponentDimensions, tSNEPerplexity, ...), which
// `viewStateOfBookmark` turns into a view.

import { viewStateOfBookmark, type ViewState } from './view-state';

export const BOOKMARK_FILE_FORMAT = 'projector-bookmarks';

export interface BookmarkEntry {
  name: string;
  description: string | null;
  state: ViewState;
}

export function writeBookmarkFile(bookmarks: { name: string; description?: string | null; state: ViewState }[]): string {
  const entries = bookmarks.map((b) => ({ name: b.name, description: b.description ?? null, state: b.state }));
  return `${JSON.stringify({ format: BOOKMARK_FILE_FORMAT, version: 1, bookmarks: entries }, null, 2)}\n`;
}

/**
 * The bookmarks of a file's text. Throws one sentence naming the file and what is wrong with it;
 * entries that are not objects are refused rather than skipped, so an import never half-happens silently.
 */
export function readBookmarkFile(text: string, fileName: string): BookmarkEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${fileName} is not JSON (${(error as Error).message}); export bookmarks from this page or the TensorFlow projector to get one.`);
  }
  const list = Array.isArray(parsed) ? parsed
    : isObject(parsed) && Array.isArray(parsed.bookmarks) ? parsed.bookmarks
      : null;
  if (!list) throw new Error(`${fileName} holds no bookmarks: expected an array of TensorFlow projector states or this page's export ({ "bookmarks": [...] }).`);
  return list.map((entry: unknown, i: number) => {
    if (!isObject(entry)) throw new Error(`${fileName}: bookmark ${i + 1} is not an object.`);
    // The TensorFlow projector's State names itself with `label`; the page's export has name and state.
    const tf = typeof entry.selectedProjection === 'string' || Array.isArray(entry.projections) || 'label' in entry;
    if (tf && !('state' in entry)) {
      const state = viewStateOfBookmark(entry);
      return { name: text1(entry.label) ?? `Imported ${i + 1}`, description: null, state };
    }
    if (!isObject(entry.state)) throw new Error(`${fileName}: bookmark ${i + 1} has no state object.`);
    return { name: text1(entry.name) ?? `Imported ${i + 1}`, description: text1(entry.description) ?? null, state: viewStateOfBookmark(entry.state) };
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text1(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}
