// The screens of the analytics area, in the order of their tabs, each at its own address under
// /w/:workspaceId/analytics so a link opens the same screen; the overview is the area's own address
// and the workspace's home screen.

/** A screen of the analytics area. */
export type AnalyticsSection = 'overview' | 'rfm' | 'abcXyz' | 'lifecycle' | 'cohorts' | 'clv';

/** The screens with the path of each under the area's address ('' for the overview). */
export const analyticsSections: readonly { id: AnalyticsSection; path: string }[] = [
  { id: 'overview', path: '' },
  { id: 'rfm', path: 'rfm' },
  { id: 'abcXyz', path: 'abc-xyz' },
  { id: 'lifecycle', path: 'lifecycle' },
  { id: 'cohorts', path: 'cohorts' },
  { id: 'clv', path: 'clv' },
];

/** The address of a screen in a workspace. */
export function sectionPath(workspaceId: string, section: AnalyticsSection): string {
  const path = analyticsSections.find((s) => s.id === section)?.path ?? '';
  return `/w/${workspaceId}/analytics${path ? `/${path}` : ''}`;
}

/** The screen an address shows, from the part after the area's address; null for an unknown one. */
export function sectionOf(rest: string): AnalyticsSection | null {
  const first = rest.replace(/^\/+/, '').split('/')[0] ?? '';
  return analyticsSections.find((s) => s.path === first)?.id ?? null;
}
