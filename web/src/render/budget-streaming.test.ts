import { describe, expect, it } from 'vitest';
import { RenderBudget } from './budget';

describe('RenderBudget while a projection streams', () => {
  it('keeps the budgeted plan over a pause between frames that would otherwise draw the full picture', () => {
    const budget = new RenderBudget({ settleMs: 250, streamSettleMs: 2000 });
    budget.streaming = true;
    budget.activity(1000);
    expect(budget.moving(1600)).toBe(true);
    expect(budget.plan(1600, 10_000, true)).not.toEqual(budget.plan(5000, 10_000, true));
    expect(budget.untilStill(1600)).toBe(1400);
    expect(budget.moving(3001)).toBe(false);
  });

  it('settles settleMs after the last frame once the stream has ended', () => {
    const budget = new RenderBudget({ settleMs: 250, streamSettleMs: 2000 });
    budget.streaming = true;
    budget.activity(1000);
    budget.streaming = false;
    expect(budget.moving(1200)).toBe(true);
    expect(budget.moving(1300)).toBe(false);
    expect(budget.untilStill(1300)).toBe(0);
  });
});
