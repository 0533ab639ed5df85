import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { PageLoader } from './components/PageLoader.js';
import { SignInPage } from './modules/auth/SignInPage.js';
import { CustomerProfilePage } from './modules/customers/CustomerProfilePage.js';
import { CustomersPage } from './modules/customers/CustomersPage.js';
import { ImportPage } from './modules/imports/ImportPage.js';
import { ImportsPage } from './modules/imports/ImportsPage.js';
import { ApiKeysPage } from './modules/settings/ApiKeysPage.js';
import { ConnectSitePage } from './modules/settings/ConnectSitePage.js';
import { MembersPage } from './modules/settings/MembersPage.js';
import { SettingsLayout } from './modules/settings/SettingsLayout.js';
import { WorkspaceSettingsPage } from './modules/settings/WorkspaceSettingsPage.js';
import { HomeRedirect } from './shell/HomeRedirect.js';
import { NotFoundPage } from './shell/NotFoundPage.js';
import { RequireSession } from './shell/RequireSession.js';
import { WorkspaceLayout } from './shell/WorkspaceLayout.js';

// Pages live under /w/:workspaceId, so a link names its workspace and opens the same customer for
// any colleague who has access; "/" leads to the home screen, the analytics overview, of the
// workspace opened last.
const router = createBrowserRouter([
  { path: '/signin', element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      {
        path: '/w/:workspaceId',
        element: <WorkspaceLayout />,
        children: [
          { index: true, element: <Navigate to="analytics" replace /> },
          { path: 'customers', element: <CustomersPage /> },
          { path: 'customers/:customerId', element: <CustomerProfilePage /> },
          {
            // The analytics area, whose overview is the home screen. Each screen loads when first
            // opened, the ones with charts together with the chart library.
            path: 'analytics',
            lazy: async () => ({ Component: (await import('./modules/analytics/AnalyticsLayout.js')).AnalyticsLayout }),
            hydrateFallbackElement: <PageLoader minHeight="60vh" />,
            children: [
              { index: true, lazy: async () => ({ Component: (await import('./modules/analytics/overview/OverviewPage.js')).OverviewPage }) },
              { path: 'rfm', lazy: async () => ({ Component: (await import('./modules/analytics/RfmPage.js')).RfmPage }) },
              { path: 'abc-xyz', lazy: async () => ({ Component: (await import('./modules/analytics/AbcXyzPage.js')).AbcXyzPage }) },
              { path: 'lifecycle', lazy: async () => ({ Component: (await import('./modules/analytics/lifecycle/LifecyclePage.js')).LifecyclePage }) },
              { path: 'cohorts', lazy: async () => ({ Component: (await import('./modules/analytics/cohorts/CohortsPage.js')).CohortsPage }) },
              { path: 'clv', lazy: async () => ({ Component: (await import('./modules/analytics/clv/ClvPage.js')).ClvPage }) },
            ],
          },
          // The segments area loads when first opened, with the rule builder's library.
          { path: 'segments', lazy: async () => ({ Component: (await import('./modules/segments/SegmentsPage.js')).SegmentsPage }) },
          { path: 'segments/new', lazy: async () => ({ Component: (await import('./modules/segments/SegmentNewPage.js')).SegmentNewPage }) },
          { path: 'segments/:segmentId', lazy: async () => ({ Component: (await import('./modules/segments/SegmentPage.js')).SegmentPage }) },
          { path: 'segments/:segmentId/edit', lazy: async () => ({ Component: (await import('./modules/segments/SegmentEditPage.js')).SegmentEditPage }) },
          { path: 'imports', element: <ImportsPage /> },
          { path: 'imports/:importId', element: <ImportPage /> },
          {
            path: 'settings',
            element: <SettingsLayout />,
            children: [
              { index: true, element: <Navigate to="workspace" replace /> },
              { path: 'workspace', element: <WorkspaceSettingsPage /> },
              { path: 'members', element: <MembersPage /> },
              { path: 'keys', element: <ApiKeysPage /> },
              { path: 'connect', element: <ConnectSitePage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** The web app: its pages and where they live. */
export function App() {
  return <RouterProvider router={router} />;
}
