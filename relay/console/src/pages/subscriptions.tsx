import { Page } from '../ui';

export function SubscriptionsPage() {
  return <Page title="Subscriptions">Coming next.</Page>;
}
