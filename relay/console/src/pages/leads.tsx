import { Page } from '../ui';

export function LeadsPage() {
  return <Page title="Leads">Coming next.</Page>;
}
