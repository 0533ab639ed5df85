import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from './api/api-context.js';
import { ApiClient } from './api/client.js';
import { createQueryClient } from './api/query-client.js';
import { App } from './App.js';
import { createI18n, initialLanguage } from './i18n/i18n.js';
import { theme } from './theme.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const api = new ApiClient();
const queryClient = createQueryClient();
const i18n = await createI18n(initialLanguage());

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme}>
        <Notifications position="top-right" />
        <ApiContext.Provider value={api}>
          <QueryClientProvider client={queryClient}>
            <App />
          </QueryClientProvider>
        </ApiContext.Provider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
