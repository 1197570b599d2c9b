// Waiting on the page's test hooks (data-testid), shared by the specs.

/** Waits until the text of `[data-testid=id]` satisfies `predicate` (run in the page, so it must be self-contained). */
export const waitText = (page, id, predicate, timeout = 60_000) =>
  page.waitForFunction(
    ([tid, src]) => {
      const el = document.querySelector(`[data-testid="${tid}"]`);
      return el !== null && new Function('t', `return (${src})(t)`)(el.textContent.trim());
    },
    [id, predicate.toString()],
    { timeout },
  );
