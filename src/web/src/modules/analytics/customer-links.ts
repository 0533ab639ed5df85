import type { LifecycleStage, RfmSegment } from '../../api/types.js';

// Links from the analytics to the customer list filtered by the stored scores (the list reads
// ?rfmSegment=, ?rfmR=&rfmF=, ?abcXyz=, ?stage=, ?minPAlive=&maxPAlive= from the address). The stored scores
// are all history as of the last computation, so only views of that same picture link there.

/** The customer list of a workspace narrowed by a query. */
function customersWith(workspaceId: string, query: Record<string, string>): string {
  // Commas stay readable (?abcXyz=AX,AY), as the list writes them itself.
  return `/w/${workspaceId}/customers?${new URLSearchParams(query).toString().replaceAll('%2C', ',')}`;
}

/** The customers of an RFM segment. */
export function segmentCustomers(workspaceId: string, segment: RfmSegment): string {
  return customersWith(workspaceId, { rfmSegment: segment });
}

/** The customers of a cell of the R×F heatmap. */
export function rfmCellCustomers(workspaceId: string, r: number, f: number): string {
  return customersWith(workspaceId, { rfmR: String(r), rfmF: String(f) });
}

/** The customers of ABC/XYZ cells ("AX", or "AX,AY" for the golden ones). */
export function abcXyzCustomers(workspaceId: string, cells: readonly string[]): string {
  return customersWith(workspaceId, { abcXyz: cells.join(',') });
}

/** The customers in a lifecycle stage. */
export function stageCustomers(workspaceId: string, stage: LifecycleStage): string {
  return customersWith(workspaceId, { stage });
}

/** The customers at risk: those whose P(alive) is within the summary's at-risk band. */
export function atRiskCustomers(workspaceId: string, band: { min: number; max: number }): string {
  return customersWith(workspaceId, { minPAlive: String(band.min), maxPAlive: String(band.max) });
}
