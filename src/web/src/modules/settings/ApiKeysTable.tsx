import { ActionIcon, Badge, Button, Code, CopyButton, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../format/useFormatter.js';
import type { ApiKey } from './settings.types.js';

// Badges shrink to an ellipsis in a narrow table cell; the status and kind must stay readable.
const fullWidth = { minWidth: 'max-content' };

/** Props of ApiKeysTable. */
export interface ApiKeysTableProps {
  keys: ApiKey[];
  /** The viewer may revoke keys. */
  manage: boolean;
  onRevoke: (key: ApiKey) => void;
}

/** The keys, live ones first and newest first; a key is recognised by its first characters. */
export function ApiKeysTable({ keys, manage, onRevoke }: ApiKeysTableProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const sorted = [...keys].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt - a.createdAt);
  return (
    <Table.ScrollContainer minWidth={880} type="native">
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('settings.keys.columns.name')}</Table.Th>
            <Table.Th>{t('settings.keys.columns.kind')}</Table.Th>
            <Table.Th>{t('settings.keys.columns.key')}</Table.Th>
            <Table.Th>{t('settings.keys.columns.created')}</Table.Th>
            <Table.Th>{t('settings.keys.columns.lastUsed')}</Table.Th>
            <Table.Th>{t('settings.keys.columns.status')}</Table.Th>
            {manage && <Table.Th w={110} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((key) => {
            const revoked = key.revokedAt !== null;
            return (
              <Table.Tr key={key.id} c={revoked ? 'dimmed' : undefined}>
                <Table.Td>
                  <Text size="sm" fw={500} c="inherit">
                    {key.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={key.kind === 'secret' ? 'grape' : 'blue'} style={fullWidth}>
                    {t(`settings.keys.kinds.${key.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Code>{key.prefix}…</Code>
                    {/* Write keys are public, so the whole key may be copied from here; a secret one never comes back. */}
                    {key.writeKey && !revoked && <CopyKey value={key.writeKey} />}
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.shortDate(key.createdAt)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{key.lastUsedAt === null ? t('settings.keys.never') : f.dateTime(key.lastUsedAt)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {revoked ? (
                    <Stack gap={2} align="flex-start">
                      <Badge variant="light" color="gray" style={fullWidth}>
                        {t('settings.keys.revoked')}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {f.shortDate(key.revokedAt ?? 0)}
                      </Text>
                    </Stack>
                  ) : (
                    <Badge variant="light" color="green" style={fullWidth}>
                      {t('settings.keys.active')}
                    </Badge>
                  )}
                </Table.Td>
                {manage && (
                  <Table.Td ta="right">
                    {!revoked && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => onRevoke(key)} aria-label={t('settings.keys.revokeOf', { name: key.name })}>
                        {t('settings.keys.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CopyKey({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('settings.copied') : t('settings.keys.copyKey')} withArrow>
          <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={t('settings.keys.copyKey')}>
            {copied ? <CheckIcon /> : <CopyIcon />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

function CopyIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <rect x={9} y={9} width={12} height={12} rx={2} />
      <path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1" />
    </svg>
  );
}

function CheckIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d="M20 6 9 17l-5-5" />
    </svg>
  );
}
