import { describe, expect, it } from 'vitest';
import { RenderBudget } from './budget';

const SPRITES = { pixelRatio: 1, sprites: 1, dots: 0 };

/** A budget whose frames say every sprite of 10,000 fits (12 ms frames). */
function cheapSprites(): RenderBudget {
  const budget = new RenderBudget({ budgetMs: 33, taskLimitMs: 50, relaxMs: 3000 });
  budget.activity(0);
  for (let i = 0; i < 7; i++) budget.observe(12, SPRITES, 10_000);
  return budget;
}

describe('RenderBudget and long tasks', () => {
  it('draws a coarser plan after a long task, though the frames say the finer one fits', () => {
    const budget = cheapSprites();
    expect(budget.plan(1, 10_000, true)).toEqual(SPRITES);
    budget.longTask(120, 10);
    const next = budget.plan(20, 10_000, true);
    expect(next.sprites).toBeGreaterThan(1);
    expect(next.dots).toBe(1);
  });

  it('keeps stepping down while long tasks go on, to every 64th dot at half the pixel ratio', () => {
    const budget = cheapSprites();
    let plan = budget.plan(1, 10_000, true);
    for (let t = 10; t < 400; t += 10) {
      budget.activity(t);
      budget.longTask(90, t);
      plan = budget.plan(t + 1, 10_000, true);
    }
    expect(plan).toEqual({ pixelRatio: 0.5, sprites: 0, dots: 64 });
  });

  it('counts a task that began while moving though it ended after the settle time', () => {
    const budget = cheapSprites();
    budget.plan(1, 10_000, true);
    // Activity at 0, settle 250 ms: a 300 ms task from 100 to 400 held back the frames of the movement.
    budget.longTask(300, 400);
    expect(budget.longTaskFloor).toBeGreaterThan(0);
  });

  it('ignores tasks within the limit and those of a still picture', () => {
    const budget = cheapSprites();
    budget.plan(1, 10_000, true);
    budget.longTask(50, 5);
    expect(budget.plan(6, 10_000, true)).toEqual(SPRITES);
    // Still (the full picture, begun after the movement settled): its long draw is not the budget's to shorten.
    budget.longTask(700, 1000);
    expect(budget.longTaskFloor).toBe(0);
  });

  it('steps back one plan finer per relaxMs without a long task', () => {
    const budget = cheapSprites();
    budget.plan(1, 10_000, true);
    budget.longTask(120, 10);
    budget.activity(20);
    const coarse = budget.plan(20, 10_000, true);
    expect(coarse).not.toEqual(SPRITES);
    for (let t = 100; t <= 3000; t += 100) budget.activity(t);
    // The task ended at 10: coarse until 3010.
    expect(budget.plan(3000, 10_000, true)).toEqual(coarse);
    budget.activity(3100);
    expect(budget.plan(3100, 10_000, true)).toEqual(SPRITES);
    expect(budget.longTaskFloor).toBe(0);
  });

  it('predicts a half pixel ratio at a quarter of the fill', () => {
    const budget = new RenderBudget({ budgetMs: 33 });
    const full = budget.predict({ pixelRatio: 1, sprites: 0, dots: 1 }, 100_000) - budget.fixedCost;
    const half = budget.predict({ pixelRatio: 0.5, sprites: 0, dots: 1 }, 100_000) - budget.fixedCost;
    expect(half).toBeCloseTo(full / 4);
  });
});
