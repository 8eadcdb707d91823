// What a follow announces given the market now: pure, so the rules read (and test) in one place.
//   target  fires once when the best offer's total is at or below the target; re-arms once the
//           best total has gone back above the target plus REARM_MARGIN_PERCENT.
//   restock fires once when a buyable offer appears; re-arms when none is left.
//   drop    fires for each new confirmed reading that is at least N % (default 5) below the
//           market's lowest buyable total of the previous 30 days; the reading's id keys it.
// Only confirmed readings reach here (db/queries/alerts/evaluation.ts), so a misread never fires.
import { compareDecimal } from '../../domain/decimal.ts';
import { dropPercent, isAboveRearmLine } from '../../domain/price-signal.ts';
import type { AlertDecision, FollowState } from '../../db/queries/alerts/evaluation.ts';

export const DEFAULT_MIN_DROP_PERCENT = 5;

export type FollowOutcome = { fire: AlertDecision } | { rearm: number } | null;

export function decideFollow(state: FollowState): FollowOutcome {
  const { best } = state;
  switch (state.kind) {
    case 'target': {
      if (!best || state.targetPrice === null) return null;
      if (compareDecimal(best.total, state.targetPrice) <= 0) {
        return state.armed ? { fire: { state, eventKey: `target:${state.armGeneration}`, dropPercent: null, disarm: true } } : null;
      }
      return !state.armed && isAboveRearmLine(best.total, state.targetPrice) ? { rearm: state.armGeneration } : null;
    }
    case 'restock': {
      if (best) return state.armed ? { fire: { state, eventKey: `restock:${state.armGeneration}`, dropPercent: null, disarm: true } } : null;
      return state.armed ? null : { rearm: state.armGeneration };
    }
    case 'drop': {
      if (!best || state.referenceTotal === null) return null;
      const drop = dropPercent(best.total, state.referenceTotal);
      if (drop < Math.max(1, state.minDropPercent ?? DEFAULT_MIN_DROP_PERCENT)) return null;
      return { fire: { state, eventKey: `drop:${best.observationId}`, dropPercent: drop, disarm: false } };
    }
  }
}
