import { Button, Center, Loader, Select, Stack, Text, Timeline } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineItem, TimelineType } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { useFormatter } from '../../format/useFormatter.js';
import { eventLabel, standardEvent } from './code-labels.js';
import { useTimeline } from './customers.api.js';
import { SectionCard } from './SectionCard.js';

// What the filter offers; "identify", "group" and "alias" are technical and stay under "all".
const filters = ['all', 'order', 'track', 'page', 'screen'] as const;
type Filter = (typeof filters)[number];
const orderStatuses = ['completed', 'partially_refunded', 'refunded', 'cancelled'] as const;

/** A customer's orders and events, newest first, with a type filter and "load more". */
export function CustomerTimeline({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const types: TimelineType[] = filter === 'all' ? [] : [filter];
  const timeline = useTimeline(customerId, types);
  // Under "everything", an "Order Completed" event would repeat the order entry next to it.
  const items = (timeline.data?.pages.flatMap((p) => p.items) ?? []).filter((i) => filter !== 'all' || !isOrderEvent(i));
  const select = (
    <Select
      size="xs"
      w={170}
      aria-label={t('timeline.filter')}
      data={filters.map((f) => ({ value: f, label: t(`timeline.filters.${f}`) }))}
      value={filter}
      allowDeselect={false}
      onChange={(value) => setFilter(filters.find((f) => f === value) ?? 'all')}
    />
  );
  return (
    <SectionCard title={t('timeline.title')} action={select}>
      {timeline.isPending ? (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      ) : timeline.isError && items.length === 0 ? (
        <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm" py="md">
          {filter === 'all' ? t('timeline.empty') : t('timeline.emptyFiltered')}
        </Text>
      ) : (
        <Stack gap="md">
          <Timeline bulletSize={14} lineWidth={2}>
            {items.map((item) => (
              <Timeline.Item key={item.kind === 'order' ? `o${item.order.id}` : `e${item.event.id}`} color={item.kind === 'order' ? 'green' : 'blue'}>
                <Entry item={item} />
              </Timeline.Item>
            ))}
          </Timeline>
          {timeline.isFetchNextPageError && <ErrorState error={timeline.error} onRetry={() => void timeline.fetchNextPage()} />}
          {timeline.hasNextPage && (
            <Button variant="default" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage} style={{ alignSelf: 'center' }}>
              {t('timeline.loadMore')}
            </Button>
          )}
        </Stack>
      )}
    </SectionCard>
  );
}

function isOrderEvent(item: TimelineItem): boolean {
  return item.kind === 'event' && item.event.type === 'track' && standardEvent(item.event.name) === 'order completed';
}

function Entry({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const when = (
    <Text size="xs" c="dimmed">
      {f.dateTime(item.at)}
    </Text>
  );
  if (item.kind === 'order') {
    const o = item.order;
    // Stores are known only by the code the shop sends; the words say it is a code.
    const where = o.storeId ? t('customerLabels.store', { store: o.storeId }) : t('timeline.online');
    const status = orderStatuses.find((s) => s === o.status);
    return (
      <>
        <Text size="sm" fw={600}>
          {t('timeline.order', { id: o.externalId, total: f.money(o.total) })}
        </Text>
        <Text size="xs" c="dimmed">
          {[t('timeline.items', { n: o.itemsCount }), where, status ? t(`timeline.statuses.${status}`) : o.status, o.refunded ? t('timeline.refunded', { amount: f.money(o.refunded) }) : null]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {when}
      </>
    );
  }
  const e = item.event;
  const url = e.context.url ?? (typeof e.properties.url === 'string' ? e.properties.url : null);
  // A standard e-commerce event is named in the interface language, its sent name kept small beside it.
  const standardName = e.type === 'track' ? eventLabel(e.name, t) : null;
  const title =
    e.type === 'track'
      ? (standardName ?? e.name ?? t('timeline.event'))
      : e.type === 'page'
        ? t('timeline.page', { name: e.name ?? url ?? '' })
        : e.type === 'screen'
          ? t('timeline.screen', { name: e.name ?? '' })
          : e.type === 'identify'
            ? t('timeline.identify')
            : `${e.type}${e.name ? `: ${e.name}` : ''}`;
  return (
    <>
      <Text size="sm" fw={500}>
        {title}
        {standardName && e.name && (
          <Text span size="xs" c="dimmed" fw={400} ml={6}>
            {e.name}
          </Text>
        )}
      </Text>
      {url && e.type !== 'track' && (
        <Text size="xs" c="dimmed" truncate maw={520}>
          {url}
        </Text>
      )}
      {when}
    </>
  );
}
