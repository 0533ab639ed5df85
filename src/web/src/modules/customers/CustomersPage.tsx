import { Button, CloseButton, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { ErrorState } from '../../components/ErrorState.js';
import { ListSkeleton } from '../../components/ListSkeleton.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useSignedInSession } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { ActiveFilters } from './ActiveFilters.js';
import { ColumnChooser } from './ColumnChooser.js';
import { CustomerFilters } from './CustomerFilters.js';
import { CustomerListEmpty } from './CustomerListEmpty.js';
import { CustomerTable } from './CustomerTable.js';
import { useCustomerList, useCustomerTotal } from './customers.api.js';
import { activeFilterCount, defaultScope, listSearch, type ListState, noFilters, readListState, toApiQuery } from './list-state.js';
import { ScopeSwitch } from './ScopeSwitch.js';
import { scoreFilterCount } from './score-filters.js';
import { ScoresAsOf } from './ScoresAsOf.js';
import { ScoresStatusLine } from './ScoresStatusLine.js';
import { useColumnChoice } from './useColumnChoice.js';
import { ListSaveAsSegment } from '../segments/ListSaveAsSegment.js';

const pageSize = 50;

// Keyset pages have no numbers: the cursors that led to the current page are kept in the history
// entry's state, so "previous page" and the browser's back button from a profile both work.
function readCursors(state: unknown): string[] {
  if (typeof state !== 'object' || state === null || !('cursors' in state) || !Array.isArray(state.cursors)) return [];
  return state.cursors.filter((c): c is string => typeof c === 'string');
}

/** The customer list: whose customers, search, filters, sorting, pages of 50 and a column choice, all on the server. */
export function CustomersPage() {
  const { t } = useTranslation();
  const format = useFormatter();
  const workspace = useWorkspace();
  const { user } = useSignedInSession();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const scopeByDefault = defaultScope(workspace.role);
  const state = readListState(params, scopeByDefault);
  const cursors = readCursors(location.state);
  const [visible, setVisible] = useColumnChoice();
  const apiQuery = toApiQuery(state, { userId: user.id, currency: workspace.currency }, cursors.at(-1), pageSize);
  const list = useCustomerList(apiQuery);
  const total = useCustomerTotal(apiQuery);

  // A new search, filter or sort starts again from the first page.
  const update = (next: ListState) => navigate({ search: listSearch(next, scopeByDefault) }, { replace: true });
  const goTo = (nextCursors: string[]) => navigate({ search: location.search }, { replace: true, state: { cursors: nextCursors } });

  const [text, setText] = useState(state.q);
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    if (debounced.trim() !== state.q.trim()) update({ ...state, q: debounced });
    // Only the typed text drives this; the URL is written from it, not the other way round.
  }, [debounced]); // eslint-disable-line react-hooks/exhaustive-deps

  const filtered = activeFilterCount(state) > 0 || state.q.trim() !== '';
  const rows = list.data?.items ?? [];
  const first = cursors.length * pageSize + 1;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="baseline">
          <Title order={1} size="h2">
            {t('customers.title')}
          </Title>
          {typeof total.data === 'number' && (
            <Text c="dimmed" aria-live="polite" data-testid="customer-total" style={{ opacity: total.isPlaceholderData ? 0.55 : 1 }}>
              {t('customerLabels.total', { count: total.data, formatted: format.number(total.data) })}
            </Text>
          )}
        </Group>
        <Group gap="md" wrap="wrap" justify="flex-end">
          <ScoresStatusLine />
          <ScopeSwitch value={state.scope} onChange={(scope) => update({ ...state, scope })} />
        </Group>
      </Group>
      <Group gap="sm" wrap="wrap">
        <TextInput
          placeholder={t('customers.searchPlaceholder')}
          aria-label={t('customers.search')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          rightSection={text ? <CloseButton size="sm" aria-label={t('customers.clearSearch')} onClick={() => setText('')} /> : null}
          style={{ flex: '1 1 320px' }}
          maw={520}
        />
        <CustomerFilters value={state} currency={workspace.currency} onChange={(filters) => update({ ...state, ...filters })} />
        <ColumnChooser value={visible} onChange={setVisible} />
        <ListSaveAsSegment state={state} userId={user.id} currency={workspace.currency} />
      </Group>
      <ActiveFilters value={state} currency={workspace.currency} onChange={(patch) => update({ ...state, ...patch })} onClearAll={() => update({ ...state, ...noFilters })} />
      <Paper withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
        {list.isPending ? (
          <ListSkeleton rows={8} height={28} />
        ) : list.isError && !list.data ? (
          <Stack p="md">
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          </Stack>
        ) : rows.length === 0 ? (
          <CustomerListEmpty
            filtered={filtered}
            mine={state.scope === 'mine'}
            onClearAll={() => {
              setText('');
              update({ ...state, ...noFilters, q: '' });
            }}
            onShowAll={() => update({ ...state, scope: 'all' })}
          />
        ) : (
          <CustomerTable rows={rows} visible={visible} sort={state.sort} onSort={(sort) => update({ ...state, sort })} busy={list.isPlaceholderData} />
        )}
      </Paper>
      {list.isError && list.data && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {rows.length > 0 && t('customers.range', { from: first, to: first + rows.length - 1 })}
          {rows.length > 0 && scoreFilterCount(state) > 0 && <ScoresAsOf />}
        </Text>
        <Group gap="xs">
          {list.isFetching && !list.isPending && <Loader size="xs" />}
          <Button variant="default" disabled={cursors.length === 0} onClick={() => goTo(cursors.slice(0, -1))}>
            {t('customers.previousPage')}
          </Button>
          <Button
            variant="default"
            disabled={!list.data?.nextCursor || list.isPlaceholderData}
            onClick={() => list.data?.nextCursor && goTo([...cursors, list.data.nextCursor])}
          >
            {t('customers.nextPage')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
