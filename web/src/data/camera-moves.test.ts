import { describe, expect, it } from 'vitest';
import { arrowMove, fitRows, zoomBy } from './camera-moves';

const size = { width: 800, height: 600 };

describe('camera moves', () => {
  it('arrows pan a 2-D view by a tenth of the smaller side, the points following the arrow', () => {
    const camera = { target: [0, 0, 0] as [number, number, number], zoom: 0 };
    expect(arrowMove(camera, 'right', 2, size).target).toEqual([-60, 0, 0]);
    expect(arrowMove({ ...camera, zoom: 1 }, 'up', 2, size).target).toEqual([0, 30, 0]);
  });

  it('arrows turn a 3-D view', () => {
    const camera = { target: [0, 0, 0] as [number, number, number], zoom: 0, rotationOrbit: 30, rotationX: 20 };
    expect(arrowMove(camera, 'left', 3, size)).toMatchObject({ rotationOrbit: 20, rotationX: 20, target: [0, 0, 0] });
    expect(arrowMove({ ...camera, rotationX: 85 }, 'up', 3, size).rotationX).toBe(90);
  });

  it('+ and - zoom by half a power of two, within the view\'s limits', () => {
    expect(zoomBy({ target: [0, 0, 0], zoom: 3 }, 1).zoom).toBe(3.5);
    expect(zoomBy({ target: [0, 0, 0], zoom: -2 }, -1).zoom).toBe(-2);
  });

  it('fits the camera to some rows', () => {
    const positions = new Float32Array([0, 0, 0, 1, 1, 0, -1, -1, 0]);
    const fitted = fitRows({ target: [5, 5, 0], zoom: 0 }, positions, [0, 1], size, 7)!;
    expect(fitted.target).toEqual([0.5, 0.5, 0]);
    expect(fitted.zoom).toBeCloseTo(Math.log2(480), 5);
    expect(fitRows({ target: [0, 0, 0], zoom: 0 }, positions, [], size, 7)).toBeNull();
  });
});
