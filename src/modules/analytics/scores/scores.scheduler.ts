import type { Logger } from '../../../platform/logger.js';
import type { Clock } from '../../../platform/clock.js';
import type { ScoresService } from './scores.service.js';
import type { AnalyticsRunsRepo } from './analytics-runs.repo.js';

// Recomputes each workspace's stored scores when its last successful computation is older than the
// interval (never computed: at the first check). It checks a minute after start, then every ten
// minutes; workspaces are computed one after the other, so one process never runs two at once.

/** The timer of scheduled score computations. */
export class ScoresScheduler {
  private timer: NodeJS.Timeout | null = null;
  private tick: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly scores: ScoresService,
    private readonly repo: AnalyticsRunsRepo,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly everyHours: number,
    private readonly checkMs = 10 * 60_000,
  ) {}

  /** Starts checking (nothing when the interval is 0). */
  start(firstCheckMs = 60_000): void {
    if (this.everyHours <= 0 || this.timer) return;
    this.schedule(firstCheckMs);
  }

  /** Stops checking and waits for a computation in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.tick;
  }

  /** Computes every workspace that is due; returns the workspaces computed. */
  async runDue(): Promise<string[]> {
    const due = (await this.repo.lastComputed()).filter((w) => w.last === null || this.clock.now() - w.last >= this.everyHours * 3_600_000);
    const done: string[] = [];
    for (const { workspace_id } of due) {
      if (this.stopped) break;
      try {
        const run = await this.scores.recompute(workspace_id, 'schedule');
        if (run.status === 'failed') this.logger.error({ workspaceId: workspace_id, error: run.error }, 'scheduled score computation failed');
        else this.logger.info({ workspaceId: workspace_id, customers: run.customers, phases: run.phases }, 'scores computed');
        done.push(workspace_id);
      } catch (error) {
        // Another process or a request is computing it: it is not due any more.
        this.logger.info({ workspaceId: workspace_id, err: error }, 'scheduled score computation skipped');
      }
    }
    return done;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.tick = this.runDue()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'score schedule check failed'))
        .finally(() => {
          if (!this.stopped) this.schedule(this.checkMs);
        });
    }, ms);
    this.timer.unref();
  }
}
