// English messages of the analytics views read from the stored scores (the summary of their last
// computation); ru.analytics-scores.ts must match their shape.

/** English messages of the stored-scores views of the analytics. */
export const scoresEn = {
  heading: 'Customer base',
  asOf: 'All history as of {{time}}',
  pending: {
    title: 'The customer scores are not computed yet',
    text: 'RFM segments, ABC/XYZ classes, lifecycle stages and the predicted value of every customer are computed from all the orders and kept, so the overview of the customer base opens at once, whatever its size.',
    compute: 'Compute them now; afterwards they are recomputed every {{hours}} h.',
    computeOnRequest: 'Compute them now; afterwards whenever you ask.',
    schedule: 'They are computed on schedule, every {{hours}} h; the overview appears after the first computation.',
    onRequest: 'An administrator or a marketer computes them on request; the overview appears after the first computation.',
  },
  view: {
    label: 'What the screen shows',
    stored: 'All history',
    period: 'A period, from orders',
    storedNote: 'All purchases up to the computation of {{time}}; each group opens its customers.',
    periodNote: 'Counted from the period’s orders on request. Links to customers are on the all-history view: the customer list follows the stored scores.',
  },
  kpiSource: {
    index: 'counted up to {{day}}',
    orders: 'live from orders',
  },
  cellHint: 'Click to open these customers',
  showCustomers: 'Customers',
  customersOf: 'Show the customers: {{name}}',
  rfm: {
    footnote: 'Average check: revenue per order. CLV: the historic value of a customer, their revenue over all history. A segment or a cell opens its customers.',
    intro: 'Every buyer, scored 1 to 5 by recency (R) and frequency (F) over all history up to the computation; 5 is best.',
    highestClv: 'Highest historic CLV',
    highestClvNote: 'customers: {{customers}} · {{value}} each on average',
    highestClvBadge: 'Highest CLV',
  },
  lifecycle: {
    nowTitle: 'Customers by stage now',
    nowIntro: 'All history as of the computation of {{time}}, with a churn window of {{days}} days; each stage opens its customers. The charts below follow the period.',
    stages: 'Customers by stage',
    window: 'Churned: no purchase for more than {{days}} days (the churn window)',
    lifetime: 'Average customer lifetime',
    lifetimeValue: '{{days}} days',
    lifetimeNote: 'first to last purchase of the churned customers; buyers have been with the shop {{tenure}} days on average',
    noLifetime: 'No customer has churned yet',
  },
  abcIntro: 'ABC by share of revenue over all history up to the computation: A customers bring the first 80%, B the next 15%, C the last 5%. XYZ the same way by share of purchases. A cell opens its customers.',
  abc: {
    golden: 'Show the golden customers',
  },
  clv: {
    fit: 'Fit for a day of your choice',
    fitNote: 'The models are fitted on the server on the orders up to the chosen day; on a large workspace this takes a while.',
    storedIntro: 'The models fitted at the last computation on all the orders up to its day, with the workspace’s horizon and discount; every customer scored with them.',
    buyers: 'Buyers scored',
    atRiskAll: 'All {{count}} customers at risk, P(alive) {{min}}–{{max}}',
    parameters: 'The models’ parameters and fit are shown for a day of your choice.',
    total: 'Predicted value of all customers',
    median: 'Median buyer: {{value}}',
    atRisk: 'Valuable customers at risk: P(alive) {{min}}–{{max}}',
    nextComputation: 'The distribution comes with the next computation of the scores.',
    noModel: 'Nobody has bought on a second day yet, so no value is predicted.',
  },
};
