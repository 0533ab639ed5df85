import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { useWorkspaceSettings } from './settings.api.js';
import { WorkspaceForm } from './WorkspaceForm.js';

/** The workspace's name, time zone, currency and phone region; editable by owners and administrators. */
export function WorkspaceSettingsPage() {
  const settings = useWorkspaceSettings();
  if (settings.isPending) return <PageLoader minHeight={240} />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  return <WorkspaceForm key={settings.data.id} settings={settings.data} />;
}
