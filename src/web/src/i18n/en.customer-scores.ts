// English messages of the stored scores on the customer screens: the profile's Scores card and the
// computation status; ru.customer-scores.ts must match their shape. Segment and stage names are
// the analytics screens' (analytics.segments, analytics.lifecycle.stages).

/** English messages of the customer scores. */
export const customerScoresEn = {
  card: {
    title: 'Scores',
    rfm: 'RFM segment',
    rfmScores: 'R {{r}} · F {{f}} · M {{m}}',
    rfmScoresHint: 'Recency, frequency and revenue, each scored 1 to 5 against the other buyers; 5 is best',
    abcXyz: 'ABC/XYZ',
    golden: 'Golden customer',
    abc: {
      A: 'A: among those who bring 80% of revenue',
      B: 'B: the next 15% of revenue',
      C: 'C: the last 5% of revenue',
    },
    xyz: {
      X: 'X: 80% of orders',
      Y: 'Y: the next 15% of orders',
      Z: 'Z: the last 5% of orders',
    },
    stage: 'Lifecycle stage',
    since: 'since {{date}}',
    history: 'Stage history',
    earlier: 'Earlier moves: {{n}}',
    pAlive: 'P(alive)',
    pAliveHint: 'The chance that the customer still buys from the shop rather than having left for good',
    expected: 'Expected purchases',
    in30: 'in 30 days',
    in90: 'in 90 days',
    in365: 'in a year',
    predictedClv: 'Predicted CLV',
    predictedClvHint: 'What the customer is expected to spend over the forecast horizon, discounted month by month',
    noPurchases: 'No purchases yet: RFM, ABC/XYZ and the forecasts need at least one.',
    noForecast: 'Too few repeat purchases in the shop to forecast yet.',
    computedAt: 'Computed {{time}}',
    emptyTitle: 'Scores have not been computed yet',
    emptyText: 'The RFM segment, ABC/XYZ cell, lifecycle stage and the forecasts appear after the first computation.',
    notScoredTitle: 'Not scored yet',
    notScoredText: 'The customer appeared after the last computation ({{time}}) and is scored at the next one.',
  },
  status: {
    computed: 'Scores computed {{ago}}',
    justNow: 'just now',
    never: 'Scores not computed yet',
    running: 'Computing the scores…',
    failed: 'The last computation failed',
    schedule: 'Recomputed automatically every {{hours}} h; last time {{time}}',
    onRequest: 'Computed on request; last time {{time}}',
    recompute: 'Recompute',
    compute: 'Compute',
    done: 'Scores recomputed for {{n}} customers',
    doneFailed: 'The scores could not be computed: {{error}}',
  },
};
