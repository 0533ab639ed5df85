import { Anchor, Badge, Breadcrumbs, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { CustomerProfile } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { formatPhone, personName } from '../../format/format.js';
import { useFormatter } from '../../format/useFormatter.js';
import { canEditCustomers } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { NotFoundPage } from '../../shell/NotFoundPage.js';
import { ConsentCard } from './ConsentCard.js';
import { CustomerTimeline } from './CustomerTimeline.js';
import { useCustomer } from './customers.api.js';
import { EditCustomerModal } from './EditCustomerModal.js';
import { EraseCustomerModal } from './EraseCustomerModal.js';
import { FieldsCard } from './FieldsCard.js';
import { IdentifiersCard } from './IdentifiersCard.js';
import { KeyNumbers } from './KeyNumbers.js';
import { CustomerSegmentsCard } from '../segments/CustomerSegmentsCard.js';
import { ScoresCard } from './ScoresCard.js';

/** A customer's 360° profile: contacts, key numbers, scores, identifiers, consent, fields and the timeline. */
export function CustomerProfilePage() {
  const { customerId } = useParams();
  // Only the id's own spelling: "0x10" or "016" is not customer 16.
  const id = customerId !== undefined && /^[1-9]\d{0,15}$/.test(customerId) ? Number(customerId) : NaN;
  if (!Number.isSafeInteger(id)) return <NotFoundPage />;
  return <Profile key={id} id={id} />;
}

function Profile({ id }: { id: number }) {
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const customer = useCustomer(id);
  const merged = customer.data && customer.data.id !== id;
  // An id merged into another profile answers with that profile; its own address is the one to keep.
  useEffect(() => {
    if (merged && customer.data) navigate(`/w/${workspace.id}/customers/${customer.data.id}`, { replace: true });
  }, [merged, customer.data, navigate, workspace.id]);
  if (customer.isPending) return <PageLoader minHeight="50vh" />;
  if (customer.isError) {
    return (
      <Stack>
        <BackLink />
        <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />
      </Stack>
    );
  }
  return <ProfileView profile={customer.data} />;
}

function BackLink() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  return (
    <Anchor component={Link} to={`/w/${workspace.id}/customers`} size="sm">
      ← {t('nav.customers')}
    </Anchor>
  );
}

function ProfileView({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const [editing, edit] = useDisclosure(false);
  const [erasing, erase] = useDisclosure(false);
  const writable = canEditCustomers(workspace.role) && profile.erasedAt === null;
  const name = personName(profile, true);
  const contacts = [profile.phone && formatPhone(profile.phone), profile.email, profile.city].filter(Boolean).join(' · ');
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to={`/w/${workspace.id}/customers`} size="sm">
          {t('nav.customers')}
        </Anchor>
        <Text size="sm" c="dimmed">
          #{profile.id}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Title order={1} size="h2">
              {name ?? t('customers.unnamed', { id: profile.id })}
            </Title>
            {profile.erasedAt !== null && <Badge color="gray">{t('profile.erased', { date: f.date(profile.erasedAt) })}</Badge>}
          </Group>
          <Text c="dimmed" size="sm" mt={4}>
            {contacts || t('profile.noContacts')}
          </Text>
          <Text c="dimmed" size="xs" mt={2}>
            {t('profile.created', { date: f.dateTime(profile.createdAt) })}
          </Text>
        </div>
        {!canEditCustomers(workspace.role) && (
          <Badge variant="light" color="gray" size="lg">
            {t('profile.readOnly')}
          </Badge>
        )}
        {writable && (
          <Group gap="xs">
            <Button onClick={edit.open}>{t('profile.edit')}</Button>
            <Button variant="light" color="red" onClick={erase.open}>
              {t('profile.erase')}
            </Button>
          </Group>
        )}
      </Group>
      <KeyNumbers stats={profile.stats} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <ScoresCard customerId={profile.id} />
            <CustomerSegmentsCard customerId={profile.id} />
            <IdentifiersCard identifiers={profile.identifiers} />
            <ConsentCard consent={profile.consent} />
            <FieldsCard profile={profile} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <CustomerTimeline customerId={profile.id} />
        </Grid.Col>
      </Grid>
      {writable && (
        <>
          <EditCustomerModal profile={profile} opened={editing} onClose={edit.close} />
          <EraseCustomerModal profile={profile} opened={erasing} onClose={erase.close} />
        </>
      )}
    </Stack>
  );
}
