import { AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { can } from '../session/session.js';
import { useWorkspace } from '../session/workspace-context.js';
import { Logo } from './Logo.js';
import { UserMenu } from './UserMenu.js';
import { WorkspaceSwitcher } from './WorkspaceSwitcher.js';

/** The app's frame: header with the workspace switcher and user menu, navigation, and the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const base = `/w/${workspace.id}`;
  // Only what the product can do today is listed; sections join the menu as they are built. The
  // analytics overview is the home screen, so it comes first.
  const sections = [
    { to: `${base}/analytics`, label: t('nav.analytics') },
    { to: `${base}/customers`, label: t('nav.customers') },
    { to: `${base}/segments`, label: t('nav.segments') },
    { to: `${base}/imports`, label: t('nav.imports') },
  ];
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('nav.toggle')} />
            <Logo />
            <WorkspaceSwitcher />
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <AppShell.Section grow>
          {sections.map((s) => (
            <NavLink key={s.to} component={Link} to={s.to} label={s.label} active={location.pathname.startsWith(s.to)} onClick={close} />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          {/* Every role sees something in settings (at least read-only), so the entry shows to anyone who may read. */}
          {can(workspace.role, 'read') && (
            <NavLink component={Link} to={`${base}/settings`} label={t('nav.settings')} active={location.pathname.startsWith(`${base}/settings`)} onClick={close} />
          )}
          <NavLink href="/api/docs" target="_blank" rel="noopener" label={t('nav.apiDocs')} description={t('nav.apiDocsHint')} />
          <Text size="xs" c="dimmed" px="sm" pt="xs">
            {t('shell.workspaceSettings', { timezone: workspace.timezone, currency: workspace.currency })}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">{children}</AppShell.Main>
    </AppShell>
  );
}
