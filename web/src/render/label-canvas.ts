// Point labels while the map moves, on a 2-D canvas over the render worker's: deck.gl's text layer
// draws them in the still picture, but any WebGL drawn on the main thread mid-move brings the canvas
// read-back's long tasks back, and a 2-D canvas does not (bench/browser/offscreen-probe.mjs, overlay2d).

/** A label at canvas pixel (x, y): centred there when `centred`, else its bottom `lift` pixels above. */
export interface CanvasLabel {
  x: number;
  y: number;
  text: string;
  centred: boolean;
}

export interface LabelStyle {
  font: string;
  size: number;
  color: readonly number[];
  background: readonly number[];
  padding: readonly [number, number];
  /** Pixels between a point and the bottom of its label (unplaced labels). */
  lift: number;
}

const css = (c: readonly number[]) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] ?? 255) / 255})`;

export class LabelCanvas {
  readonly canvas: HTMLCanvasElement;
  private drawn = false;

  constructor(container: HTMLElement, private readonly style: LabelStyle) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'moving-canvas moving-labels';
    this.canvas.setAttribute('aria-hidden', 'true');
    this.canvas.style.visibility = 'hidden';
    container.appendChild(this.canvas);
  }

  /**
   * Draws `labels` over a `width` x `height` CSS-pixel map; nothing to draw hides the canvas. The canvas
   * covers only the labels' bounding box: the browser uploads a 2-D canvas whole on every change, and
   * a map-sized one cost up to 53 ms of a frame on a loaded machine.
   */
  draw(labels: readonly CanvasLabel[], width: number, height: number, pixelRatio: number): void {
    const s = this.style;
    const c = this.canvas;
    const g = c.getContext('2d')!;
    g.font = `${s.size}px ${s.font}`;
    const boxH = s.size + 2 * s.padding[1];
    const boxes: { x: number; y: number; w: number; text: string }[] = [];
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const l of labels) {
      if (!Number.isFinite(l.x) || !Number.isFinite(l.y)) continue;
      const w = g.measureText(l.text).width + 2 * s.padding[0];
      const cy = l.centred ? l.y : l.y - s.lift - boxH / 2;
      boxes.push({ x: l.x, y: cy, w, text: l.text });
      x0 = Math.min(x0, l.x - w / 2);
      x1 = Math.max(x1, l.x + w / 2);
      y0 = Math.min(y0, cy - boxH / 2);
      y1 = Math.max(y1, cy + boxH / 2);
    }
    x0 = Math.max(0, Math.floor(x0) - 1);
    y0 = Math.max(0, Math.floor(y0) - 1);
    x1 = Math.min(width, Math.ceil(x1) + 1);
    y1 = Math.min(height, Math.ceil(y1) + 1);
    if (boxes.length === 0 || x1 <= x0 || y1 <= y0) {
      this.hide();
      return;
    }
    const w = Math.round((x1 - x0) * pixelRatio);
    const h = Math.round((y1 - y0) * pixelRatio);
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
      c.style.width = `${x1 - x0}px`;
      c.style.height = `${y1 - y0}px`;
    }
    c.style.transform = `translate(${x0}px, ${y0}px)`;
    g.setTransform(pixelRatio, 0, 0, pixelRatio, -x0 * pixelRatio, -y0 * pixelRatio);
    g.clearRect(x0, y0, x1 - x0, y1 - y0);
    g.font = `${s.size}px ${s.font}`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    for (const b of boxes) {
      g.fillStyle = css(s.background);
      g.fillRect(b.x - b.w / 2, b.y - boxH / 2, b.w, boxH);
      g.fillStyle = css(s.color);
      g.fillText(b.text, b.x, b.y);
    }
    c.style.visibility = 'visible';
    this.drawn = true;
  }

  hide(): void {
    if (!this.drawn) return;
    this.drawn = false;
    this.canvas.style.visibility = 'hidden';
  }
}
