// Hover for a canvas: at most one pick per animation frame (a pick can search thousands of points),
// none while a button is down (the pointer is dragging the view), and null when the pointer leaves.

/** Calls `hover` with what `pick` finds under the pointer in `container`'s pixels. */
export function hoverPicking<T>(container: HTMLElement, pick: (x: number, y: number) => T | null, hover: (found: T | null) => void): void {
  let pointer: { x: number; y: number } | null = null;
  let frame = 0;
  container.addEventListener('pointermove', (e) => {
    if (e.buttons !== 0) return;
    const rect = container.getBoundingClientRect();
    pointer = { x: e.clientX - rect.left, y: e.clientY - rect.top };
    if (frame === 0) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (pointer) hover(pick(pointer.x, pointer.y));
      });
    }
  });
  container.addEventListener('pointerleave', () => {
    pointer = null;
    hover(null);
  });
}
