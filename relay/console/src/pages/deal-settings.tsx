import { Page } from '../ui';

export function DealSettingsPage() {
  return <Page title="Deal Settings">Coming next.</Page>;
}
