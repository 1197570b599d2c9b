// Shift-drag draws a lasso over the canvas. The pointer events are taken in the capture phase so the
// camera controller never sees them.

import type { Point2 } from '../data/geometry';

export class Lasso {
  private readonly svg: SVGSVGElement;
  private readonly path: SVGPolylineElement;
  private points: Point2[] = [];
  private active = false;

  /** `done` gets the polygon in container pixels; a shift-click without dragging gives one point. */
  constructor(private readonly container: HTMLElement, private readonly done: (polygon: Point2[]) => void) {
    const ns = 'http://www.w3.org/2000/svg';
    this.svg = document.createElementNS(ns, 'svg');
    this.svg.classList.add('lasso');
    this.path = document.createElementNS(ns, 'polyline');
    this.svg.append(this.path);
    container.append(this.svg);
    container.addEventListener('pointerdown', this.down, true);
    container.addEventListener('pointermove', this.move, true);
    container.addEventListener('pointerup', this.up, true);
  }

  private readonly local = (e: PointerEvent): Point2 => {
    const rect = this.container.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  };

  private readonly down = (e: PointerEvent) => {
    if (!e.shiftKey || e.button !== 0) return;
    e.stopPropagation();
    e.preventDefault();
    this.active = true;
    this.points = [this.local(e)];
    this.container.setPointerCapture?.(e.pointerId);
    this.draw();
  };

  private readonly move = (e: PointerEvent) => {
    if (!this.active) return;
    e.stopPropagation();
    const p = this.local(e);
    const last = this.points[this.points.length - 1];
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= 3) {
      this.points.push(p);
      this.draw();
    }
  };

  private readonly up = (e: PointerEvent) => {
    if (!this.active) return;
    e.stopPropagation();
    this.active = false;
    this.container.releasePointerCapture?.(e.pointerId);
    const polygon = this.points;
    this.points = [];
    this.draw();
    this.done(polygon);
  };

  private draw(): void {
    this.svg.style.display = this.points.length > 1 ? 'block' : 'none';
    this.path.setAttribute('points', this.points.map((p) => p.join(',')).join(' '));
  }
}
