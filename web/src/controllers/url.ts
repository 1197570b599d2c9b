// The URL hash follows the view (debounced, without adding history entries), and a hash edited or
// pasted by hand opens the view it names.

import { effect } from '@preact/signals-core';
import { decodeHash, encodeHash } from '../data/url-state';
import type { ViewState } from '../data/view-state';
import type { Store } from '../state/store';
import { peekSnapshot, snapshot } from '../state/view-signals';
import { debounce } from '../ui/dom';

export class UrlController {
  private readonly write = debounce(() => {
    const hash = encodeHash(peekSnapshot(this.store.view));
    if (hash === location.hash || (hash === '' && location.hash === '')) return;
    history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
  }, 200);

  constructor(private readonly store: Store, private readonly restore: (state: ViewState) => Promise<void>) {}

  /** Starts following; returns the view the URL named when the page opened. */
  start(): ViewState {
    const wanted = decodeHash(location.hash);
    effect(() => {
      // Until a dataset is open the view is the default one, which must not overwrite the link being opened.
      if (snapshot(this.store.view).dataset !== null) this.write();
    });
    window.addEventListener('hashchange', () => {
      // replaceState fires no hashchange: this is a link pasted or edited by hand.
      if (location.hash !== encodeHash(peekSnapshot(this.store.view))) void this.restore(decodeHash(location.hash));
    });
    return wanted;
  }
}
