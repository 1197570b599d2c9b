// How much of the picture to draw per frame. While frames stream in or the camera moves, a frame gets
// a budget (33 ms: 30 frames a second) and the scene draws what fits in it — every sprite, a sprite
// subset over dots, dots only, then every k-th dot — at a device-pixel ratio of at most 1; once still,
// the full picture. The cost of a plan is predicted from recent frames: a line fitted to their times
// against the points they drew, so a frame slow for reasons the points do not explain (a machine busy
// with other work) does not thin the picture for nothing; with no frames yet, a prior cost per dot
// makes the first frame of a pan on a million points a cheap one.
//
// Frame times miss what the median hides: on software WebGL the browser reads the canvas back on the
// main thread and waits there for the draw, so a plan whose median frame fits can still block the page
// for hundreds of milliseconds now and then. Long tasks (PerformanceObserver, see long-tasks.ts) over
// `taskLimitMs` while moving make the next plans at least one step coarser, down to every 64th dot at
// half the pixel ratio; the floor steps back one plan per `relaxMs` without one.

/** What one frame draws. A stride of k draws every k-th row; 0 draws none of that kind. */
export interface DrawPlan {
  pixelRatio: number;
  sprites: number;
  dots: number;
}

export interface BudgetOptions {
  /** Milliseconds a frame may take while moving. */
  budgetMs?: number;
  /** Milliseconds without a new frame or camera move before the full picture is drawn. */
  settleMs?: number;
  /** The same while a projection streams its frames (see `streaming`). */
  streamSettleMs?: number;
  /** The device-pixel ratio of a still picture. */
  maxPixelRatio?: number;
  /** How many dots one sprite costs (more fragments, a texture read each). */
  spriteWeight?: number;
  /** A main-thread task longer than this while moving makes the plans coarser. */
  taskLimitMs?: number;
  /** Milliseconds without a long task before the plans may get one step finer again. */
  relaxMs?: number;
}

/**
 * A frame is measured from its draw to the next animation frame, which never comes sooner than the
 * display's next refresh (60 Hz): that much of any frame is not the points' cost.
 */
const BASE_MS = 1000 / 60;
/** Measured on software WebGL: a million dots in about 800 ms. Learned from then on. */
const PRIOR_MS_PER_DOT = 0.0008;
const STRIDES = [1, 2, 4, 8, 16, 32, 64];
/** Recent frames kept for the fit. */
const SAMPLES = 12;
/** A finer plan is taken only when predicted under this share of the budget: no flicker between two plans. */
const STEP_UP = 0.7;
/**
 * The pixel ratio of the coarsest plans: a quarter of the pixels to clear, fill and read back. Measured
 * in headless Chromium at load 21 (bench/browser/offscreen-probe.mjs): 10,000 points, p95 frame 100 ms
 * at ratio 1 and 83 ms at 0.5 as 4-pixel dots, 400 and 167 ms as 24-pixel sprites.
 */
const LOW_RATIO = 0.5;
const LOW_STRIDES = [16, 64];

export class RenderBudget {
  readonly budgetMs: number;
  readonly settleMs: number;
  readonly maxPixelRatio: number;
  readonly spriteWeight: number;
  readonly streamSettleMs: number;
  readonly taskLimitMs: number;
  readonly relaxMs: number;
  /**
   * A projection is streaming its frames: the full picture waits for a longer pause than `settleMs`.
   * Frames come about 100 ms apart, but a pause of a few hundred (the server throttling its frames
   * after iteration 50, a busy machine) would otherwise draw the full picture, which is the slowest
   * frame there is (a second on software WebGL under load), just before the next frame replaces it.
   */
  streaming = false;
  private msPerDot = PRIOR_MS_PER_DOT;
  /** Milliseconds of a frame that do not depend on the points drawn (at least one display refresh). */
  private fixedMs = BASE_MS;
  private samples: { weight: number; ms: number }[] = [];
  private lastActivity = Number.NEGATIVE_INFINITY;
  /** The plan of the last moving frame (an index into the candidates), -1 when still. */
  private current = -1;
  /** The finest plan allowed (an index into the candidates), raised by long tasks; when it was last changed. */
  private floor = 0;
  private floorAt = Number.NEGATIVE_INFINITY;

  constructor(options: BudgetOptions = {}) {
    this.budgetMs = options.budgetMs ?? 33;
    this.settleMs = options.settleMs ?? 250;
    this.streamSettleMs = options.streamSettleMs ?? 2000;
    this.maxPixelRatio = options.maxPixelRatio ?? 1;
    this.spriteWeight = options.spriteWeight ?? 6;
    this.taskLimitMs = options.taskLimitMs ?? 50;
    this.relaxMs = options.relaxMs ?? 3000;
  }

  /**
   * A main-thread task of `ms` ended at `end` (ms). Over `taskLimitMs` when it began while a budgeted
   * plan was drawn, the plans get one step coarser than that one; a still picture's task (the full
   * draw, which begins once the picture is still) is not the budget's to shorten. The task's start
   * decides, not its end: a long task holds back the frames that would have counted as movement.
   */
  longTask(ms: number, end: number): void {
    if (ms <= this.taskLimitMs || this.current < 0 || !this.moving(end - ms)) return;
    this.floor = Math.max(this.floor, this.current + 1);
    this.floorAt = end;
  }

  /** The finest plan long tasks allow (an index into the candidates, 0 for any). */
  get longTaskFloor(): number {
    return this.floor;
  }

  /** A new layout frame arrived or the camera moved at `now` (ms). */
  activity(now: number): void {
    if (!this.moving(now)) this.current = -1;
    this.lastActivity = now;
  }

  /** True from an activity until `settleMs` after the last one. */
  moving(now: number): boolean {
    return now - this.lastActivity < this.settleAfter();
  }

  /** Milliseconds until the picture counts as still (0 when it is). */
  untilStill(now: number): number {
    return Math.max(0, this.lastActivity + this.settleAfter() - now);
  }

  private settleAfter(): number {
    return this.streaming ? this.streamSettleMs : this.settleMs;
  }

  /** Predicted milliseconds per dot (learned). */
  get costPerDot(): number {
    return this.msPerDot;
  }

  /** Predicted milliseconds of a frame that do not depend on the points drawn. */
  get fixedCost(): number {
    return this.fixedMs;
  }

  /** A frame drawing `plan` over `points` rows took `ms`: refines the fit. */
  observe(ms: number, plan: DrawPlan, points: number): void {
    const weight = this.weight(plan, points) * fillOf(plan);
    if (!(ms > 0) || weight < 1000) return;
    this.samples.push({ weight, ms });
    if (this.samples.length > SAMPLES) this.samples.shift();
    this.fit();
  }

  /**
   * Least squares of ms = fixed + perDot · weight over the recent frames when they drew different
   * amounts; when they all drew about the same, the median frame beyond one refresh is put on the dots
   * (the only way to learn whether fewer would be faster is to try).
   */
  private fit(): void {
    const xs = this.samples;
    const n = xs.length;
    const meanW = xs.reduce((a, x) => a + x.weight, 0) / n;
    const meanMs = xs.reduce((a, x) => a + x.ms, 0) / n;
    let cov = 0;
    let varW = 0;
    for (const x of xs) {
      cov += (x.weight - meanW) * (x.ms - meanMs);
      varW += (x.weight - meanW) ** 2;
    }
    const spread = Math.sqrt(varW / n) / meanW;
    if (n >= 4 && spread > 0.25) {
      const slope = Math.max(0, cov / varW);
      this.msPerDot = slope;
      this.fixedMs = Math.max(BASE_MS, meanMs - slope * meanW);
      return;
    }
    const perDot = xs.map((x) => Math.max(0, x.ms - BASE_MS) / x.weight).sort((a, b) => a - b);
    this.msPerDot = perDot[Math.floor(perDot.length / 2)];
    this.fixedMs = BASE_MS;
  }

  /** What to draw at `now` for `points` rows, sprites wanted or not. */
  plan(now: number, points: number, sprites: boolean): DrawPlan {
    if (!this.moving(now)) return full(this.maxPixelRatio, sprites);
    const plans = this.candidates(sprites);
    while (this.floor > 0 && now - this.floorAt > this.relaxMs) {
      this.floor--;
      this.floorAt += this.relaxMs;
    }
    const costs = plans.map((p) => this.predict(p, points));
    let chosen = -1;
    for (let i = 0; i < plans.length; i++) {
      const limit = this.current >= 0 && i < this.current ? STEP_UP * this.budgetMs : this.budgetMs;
      if (costs[i] <= limit) {
        chosen = i;
        break;
      }
    }
    if (chosen < 0) {
      // Nothing fits: the finest plan that is about as fast as the fastest (thinning more would not help).
      const fastest = Math.min(...costs);
      chosen = costs.findIndex((c) => c <= fastest * 1.15 + 2);
    }
    chosen = Math.min(Math.max(chosen, this.floor), plans.length - 1);
    this.current = chosen;
    return plans[chosen];
  }

  /** Predicted milliseconds of a frame drawing `plan` over `points` rows. */
  predict(plan: DrawPlan, points: number): number {
    return this.fixedMs + this.weight(plan, points) * this.msPerDot * fillOf(plan);
  }

  private weight(plan: DrawPlan, points: number): number {
    const dots = plan.dots > 0 ? points / plan.dots : 0;
    const sprites = plan.sprites > 0 ? points / plan.sprites : 0;
    return dots + sprites * this.spriteWeight;
  }

  /** Plans from the full picture to the coarsest, in the order they are tried. */
  private candidates(sprites: boolean): DrawPlan[] {
    const plans: DrawPlan[] = [full(this.maxPixelRatio, sprites)];
    const ratio = Math.min(1, this.maxPixelRatio);
    if (this.maxPixelRatio > 1) plans.push(full(ratio, sprites));
    if (sprites) {
      plans.push({ pixelRatio: ratio, sprites: 4, dots: 1 });
      plans.push({ pixelRatio: ratio, sprites: 16, dots: 1 });
    }
    for (const stride of STRIDES) plans.push({ pixelRatio: ratio, sprites: 0, dots: stride });
    for (const stride of LOW_STRIDES) plans.push({ pixelRatio: Math.min(ratio, LOW_RATIO), sprites: 0, dots: stride });
    return plans;
  }
}

/** Pixels filled per CSS pixel: the square of the device-pixel ratio. */
function fillOf(plan: DrawPlan): number {
  return plan.pixelRatio * plan.pixelRatio;
}

function full(pixelRatio: number, sprites: boolean): DrawPlan {
  return { pixelRatio, sprites: sprites ? 1 : 0, dots: sprites ? 0 : 1 };
}

/** Same plan (so nothing in the scene needs to change). */
export function samePlan(a: DrawPlan, b: DrawPlan): boolean {
  return a.pixelRatio === b.pixelRatio && a.sprites === b.sprites && a.dots === b.dots;
}
