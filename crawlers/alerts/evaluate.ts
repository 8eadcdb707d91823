// After a crawl batch lands: the follows of the products it touched are judged against the market
// now, and what fires is recorded once, with its mail and webhook calls queued in the outbox.
import type { Database } from '../../db/client.ts';
import { loadFollowStates, recordAlertDecisions, type AlertDecision } from '../../db/queries/alerts/evaluation.ts';
import { decideFollow } from './decide.ts';
import { messagesFor } from './messages.ts';

export interface AlertEvaluationSummary {
  follows: number;
  announced: number;
  rearmed: number;
}

/** Evaluates the follows of these listings' products; cost grows with the listings, not with all follows. */
export async function evaluateAlerts(db: Database, listingIds: readonly number[], now = new Date()): Promise<AlertEvaluationSummary> {
  if (listingIds.length === 0) return { follows: 0, announced: 0, rearmed: 0 };
  const states = await loadFollowStates(db, listingIds, now);
  const fire: AlertDecision[] = [];
  const rearm = new Map<number, number>();
  for (const state of states) {
    const outcome = decideFollow(state);
    if (outcome && 'fire' in outcome) fire.push(outcome.fire);
    else if (outcome && 'rearm' in outcome) rearm.set(state.followId, outcome.rearm);
  }
  if (fire.length === 0 && rearm.size === 0) return { follows: states.length, announced: 0, rearmed: 0 };
  const created = await recordAlertDecisions(db, fire, rearm, (_event, state) => messagesFor(state));
  return { follows: states.length, announced: created.length, rearmed: rearm.size };
}
