import { RateBudget } from "../sync/rate-budget";

/**
 * Every accepted facilitation command is a storage write and a view to every
 * connection, so one socket may send at most RATE commands per second (bursts of
 * BURST). Follow-me's viewport updates (≈3/s) and fast clicking stay far below it.
 * REST commands are counted by the per-address REST limit (app.ts) instead.
 */
const COMMAND_RATE_PER_S = 30;
const COMMAND_BURST = 60;

/** One command budget per socket, kept as long as the socket object lives. */
export class CommandBudgets<Key extends object> {
  private readonly budgets = new WeakMap<Key, RateBudget>();

  /** `now`: the clock the budgets refill by, epoch ms (injected so tests control time). */
  constructor(private readonly now: () => number) {}

  /** Takes one command from the caller's budget; false when it is spent. */
  allow(caller: Key): boolean {
    let budget = this.budgets.get(caller);
    if (!budget) {
      budget = new RateBudget(COMMAND_RATE_PER_S, COMMAND_BURST, this.now);
      this.budgets.set(caller, budget);
    }
    return budget.take();
  }
}
