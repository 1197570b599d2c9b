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

  /** Draws `labels` over a `width` x `height` CSS-pixel map; nothing to draw hides the canvas. */
  draw(labels: readonly CanvasLabel[], width: number, height: number, pixelRatio: number): void {
    if (labels.length === 0) {
      this.hide();
      return;
    }
    const c = this.canvas;
    const w = Math.round(width * pixelRatio);
    const h = Math.round(height * pixelRatio);
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    const g = c.getContext('2d')!;
    const s = this.style;
    g.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
    g.clearRect(0, 0, width, height);
    g.font = `${s.size}px ${s.font}`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    for (const l of labels) {
      if (!Number.isFinite(l.x) || !Number.isFinite(l.y)) continue;
      const textWidth = g.measureText(l.text).width;
      const boxW = textWidth + 2 * s.padding[0];
      const boxH = s.size + 2 * s.padding[1];
      const cy = l.centred ? l.y : l.y - s.lift - boxH / 2;
      g.fillStyle = css(s.background);
      g.fillRect(l.x - boxW / 2, cy - boxH / 2, boxW, boxH);
      g.fillStyle = css(s.color);
      g.fillText(l.text, l.x, cy);
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
