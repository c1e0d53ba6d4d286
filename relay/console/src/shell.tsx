import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { meSchema } from '../../src/routes/responses';
import { api, session } from './api';
import { sessionStateSchema } from './session-state';
import type { SignedIn } from './session-state';
import { navigate, useLocation } from './router';
import { ErrorNotice, Link, Notice, useAction, useLoad } from './ui';
import { ConnectionPage } from './pages/connection';
import { FieldMappingPage } from './pages/field-mapping';
import { SyncModePage } from './pages/sync-mode';
import { SyncDirectionPage } from './pages/sync-direction';
import { DuplicatesPage } from './pages/duplicates';
import { DealSettingsPage } from './pages/deal-settings';
import { SyncLogPage } from './pages/sync-log';
import { LeadsPage } from './pages/leads';
import { LeadPage } from './pages/lead';
import { ReviewPage } from './pages/review';
import { SubscriptionsPage } from './pages/subscriptions';

interface Section {
  path: string;
  label: string;
  page: FunctionComponent;
}

const crm = '/admin/settings/crm';
/** The pages of crm-sync.md under /admin/settings > CRM, then the lead data. */
const settingsSections: Section[] = [
  { path: crm, label: 'CRM connection', page: ConnectionPage },
  { path: `${crm}/field-mapping`, label: 'Field Mapping', page: FieldMappingPage },
  { path: `${crm}/sync-mode`, label: 'Sync Mode', page: SyncModePage },
  { path: `${crm}/sync-direction`, label: 'Sync Direction', page: SyncDirectionPage },
  { path: `${crm}/duplicate-handling`, label: 'Duplicate Handling', page: DuplicatesPage },
  { path: `${crm}/deal-settings`, label: 'Deal Settings', page: DealSettingsPage },
  { path: `${crm}/sync-log`, label: 'Sync Log', page: SyncLogPage },
];
const dataSections: Section[] = [
  { path: '/admin/leads', label: 'Leads', page: LeadsPage },
  { path: '/admin/review', label: 'Review queue', page: ReviewPage },
  { path: '/admin/subscriptions', label: 'Subscriptions', page: SubscriptionsPage },
];

function pageFor(path: string) {
  const lead = /^\/admin\/leads\/([^/]+)$/.exec(path);
  if (lead) return () => <LeadPage id={decodeURIComponent(lead[1] as string)} />;
  const section = [...settingsSections, ...dataSections].find((candidate) => candidate.path === path);
  if (section) return section.page;
  return null;
}

export function Shell(props: { session: SignedIn; onSessionChange: (next: SignedIn) => void; onSignedOut: () => void }) {
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const workspaceId = props.session.workspace.id;
  const me = useLoad(() => api.get('/v1/me', meSchema), [workspaceId, path]);
  // A pause can start while a page is open: look again every 15 seconds.
  useEffect(() => {
    const timer = setInterval(me.reload, 15_000);
    return () => clearInterval(timer);
  }, [me.reload]);
  const signOut = useAction(async () => {
    await session.signOut();
    props.onSignedOut();
  });
  const switchWorkspace = useAction(async (id: string) => {
    const next = await session.send('PUT', '/session/workspace', { workspace_id: id }, sessionStateSchema);
    if (next.signed_in) props.onSessionChange(next);
  });

  if (path === '/admin' || path === '/admin/settings') {
    navigate(crm);
    return null;
  }
  const Current = pageFor(path);
  const nav = (sections: Section[]) =>
    sections.map((section) => (
      <li key={section.path}>
        <Link href={section.path} current={section.path === path || (section.path === '/admin/leads' && path.startsWith('/admin/leads/'))}>
          {section.label}
        </Link>
      </li>
    ));

  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <button type="button" class="menu-toggle" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <span class="brand">Synaptiq CRM Sync</span>
        {props.session.kind === 'operator' ? (
          <div class="switcher">
            <label for="workspace-switcher">Workspace</label>
            <select id="workspace-switcher" value={workspaceId} disabled={switchWorkspace.busy} onChange={(event) => void switchWorkspace.run(event.currentTarget.value)}>
              {props.session.workspaces.map((workspace) => (
                <option key={workspace.id} value={workspace.id}>
                  {workspace.name} ({workspace.id})
                </option>
              ))}
            </select>
          </div>
        ) : (
          <span class="workspace-name" title={`Workspace ${workspaceId}`}>
            {props.session.workspace.name}
          </span>
        )}
        <button type="button" class="secondary" onClick={() => void signOut.run()} disabled={signOut.busy}>
          Sign out
        </button>
      </header>
      <div class="layout">
        <nav id="nav" class={menuOpen ? 'open' : ''} aria-label="Console" onClick={() => setMenuOpen(false)}>
          <h2>Settings › CRM</h2>
          <ul>{nav(settingsSections)}</ul>
          <h2>Leads</h2>
          <ul>{nav(dataSections)}</ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <ErrorNotice error={signOut.error ?? switchWorkspace.error} />
          {me.data?.status.paused && (
            <Notice kind="warning" title="Sync is paused.">
              {me.data.status.reason?.message ?? 'The sync stopped for something only you can fix.'} It resumes by itself once fixed, or press Sync Now.
            </Notice>
          )}
          {Current ? <Current key={workspaceId} /> : <Notice kind="info">There is no such page. Pick one from the menu.</Notice>}
        </main>
      </div>
    </div>
  );
}
