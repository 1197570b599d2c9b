import { describe, expect, it } from 'vitest';
import { RenderBudget, samePlan } from './budget';

describe('RenderBudget', () => {
  it('draws the full picture when still, sprites or dots', () => {
    const budget = new RenderBudget({ maxPixelRatio: 2 });
    expect(budget.plan(0, 1_000_000, false)).toEqual({ pixelRatio: 2, sprites: 0, dots: 1 });
    expect(budget.plan(0, 10_000, true)).toEqual({ pixelRatio: 2, sprites: 1, dots: 0 });
  });

  it('draws every k-th dot of a million while moving, so that the predicted frame fits the budget', () => {
    const budget = new RenderBudget({ budgetMs: 33 });
    budget.activity(1000);
    const plan = budget.plan(1001, 1_000_000, false);
    expect(plan.sprites).toBe(0);
    expect(plan.dots).toBeGreaterThan(1);
    expect(budget.predict(plan, 1_000_000)).toBeLessThanOrEqual(33);
    // The next finer plan would not have fitted.
    expect(budget.predict({ ...plan, dots: plan.dots / 2 }, 1_000_000)).toBeGreaterThan(33);
  });

  it('is still again settleMs after the last activity, and draws everything then', () => {
    const budget = new RenderBudget({ settleMs: 250 });
    budget.activity(1000);
    expect(budget.moving(1200)).toBe(true);
    expect(budget.untilStill(1200)).toBe(50);
    expect(budget.moving(1251)).toBe(false);
    expect(budget.plan(1251, 1_000_000, false).dots).toBe(1);
  });

  it('drops to a sprite subset over dots, then to dots, as sprites get dearer', () => {
    const budget = new RenderBudget({ budgetMs: 33, spriteWeight: 6 });
    budget.activity(0);
    // 10,000 sprites drawn in 12 ms: cheap enough for all of them.
    for (let i = 0; i < 7; i++) budget.observe(12, { pixelRatio: 1, sprites: 1, dots: 0 }, 10_000);
    expect(budget.plan(1, 10_000, true)).toEqual({ pixelRatio: 1, sprites: 1, dots: 0 });
    // The same frames now take 80 ms (the machine got busy): a subset of the sprites over every dot.
    for (let i = 0; i < 7; i++) budget.observe(80, { pixelRatio: 1, sprites: 1, dots: 0 }, 10_000);
    const plan = budget.plan(2, 10_000, true);
    expect(plan.sprites).toBeGreaterThan(1);
    expect(plan.dots).toBe(1);
  });

  it('takes the median of recent frames: one stalled frame does not change the plan', () => {
    const budget = new RenderBudget({ budgetMs: 33 });
    budget.activity(0);
    const dots = { pixelRatio: 1, sprites: 0, dots: 1 };
    for (let i = 0; i < 6; i++) budget.observe(10, dots, 100_000);
    const before = budget.plan(1, 100_000, false);
    budget.observe(2500, dots, 100_000);
    expect(budget.plan(2, 100_000, false)).toEqual(before);
  });

  it('steps back to a finer plan only when it fits well inside the budget', () => {
    const budget = new RenderBudget({ budgetMs: 33 });
    budget.activity(0);
    const dots = { pixelRatio: 1, sprites: 0, dots: 1 };
    // 100,000 dots in 40 ms: over budget, so every other dot.
    for (let i = 0; i < 7; i++) budget.observe(40, dots, 100_000);
    expect(budget.plan(1, 100_000, false).dots).toBe(2);
    // 31 ms predicted for all of them fits the budget but not its 70 %: stay coarser.
    for (let i = 0; i < 7; i++) budget.observe(31, dots, 100_000);
    expect(budget.plan(2, 100_000, false).dots).toBe(2);
    for (let i = 0; i < 7; i++) budget.observe(15, dots, 100_000);
    expect(budget.plan(3, 100_000, false).dots).toBe(1);
  });

  it('does not thin the picture when frames are slow whatever is drawn (a busy machine)', () => {
    const budget = new RenderBudget({ budgetMs: 33 });
    budget.activity(0);
    for (let i = 0; i < 12; i++) budget.observe(60 + (i % 3), { pixelRatio: 1, sprites: 0, dots: [1, 4, 16][i % 3] }, 40_000);
    expect(budget.costPerDot).toBeLessThan(0.0001);
    expect(budget.fixedCost).toBeGreaterThan(50);
    expect(budget.plan(1, 40_000, false).dots).toBe(1);
  });

  it('fits the cost per dot from frames of different sizes', () => {
    const budget = new RenderBudget({ budgetMs: 33 });
    budget.activity(0);
    // 20 ms fixed plus 1 ms per 1,000 dots.
    for (const dots of [1, 2, 4, 8, 1, 2, 4, 8]) budget.observe(20 + 64 / dots, { pixelRatio: 1, sprites: 0, dots }, 64_000);
    expect(budget.costPerDot).toBeCloseTo(0.001, 6);
    expect(budget.fixedCost).toBeCloseTo(20, 6);
    expect(budget.plan(1, 64_000, false).dots).toBe(8);
  });

  it('lowers a high device-pixel ratio to 1 before thinning the picture', () => {
    const budget = new RenderBudget({ budgetMs: 33, maxPixelRatio: 2 });
    budget.activity(0);
    for (let i = 0; i < 7; i++) budget.observe(60, { pixelRatio: 2, sprites: 0, dots: 1 }, 20_000);
    const plan = budget.plan(1, 20_000, false);
    expect(plan.pixelRatio).toBe(1);
  });

  it('ignores frames of too few points to say anything about the cost per point', () => {
    const budget = new RenderBudget();
    const before = budget.costPerDot;
    budget.observe(500, { pixelRatio: 1, sprites: 0, dots: 1 }, 200);
    expect(budget.costPerDot).toBe(before);
    expect(samePlan({ pixelRatio: 1, sprites: 0, dots: 1 }, { pixelRatio: 1, sprites: 0, dots: 1 })).toBe(true);
  });
});
