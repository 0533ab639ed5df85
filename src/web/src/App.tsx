import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { SignInPage } from './modules/auth/SignInPage.js';
import { CustomerProfilePage } from './modules/customers/CustomerProfilePage.js';
import { CustomersPage } from './modules/customers/CustomersPage.js';
import { HomeRedirect } from './shell/HomeRedirect.js';
import { NotFoundPage } from './shell/NotFoundPage.js';
import { RequireSession } from './shell/RequireSession.js';
import { WorkspaceLayout } from './shell/WorkspaceLayout.js';

// Pages live under /w/:workspaceId, so a link names its workspace and opens the same customer for
// any colleague who has access; "/" leads to the workspace opened last.
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
          { index: true, element: <Navigate to="customers" replace /> },
          { path: 'customers', element: <CustomersPage /> },
          { path: 'customers/:customerId', element: <CustomerProfilePage /> },
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
