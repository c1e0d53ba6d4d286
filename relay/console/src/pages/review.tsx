import { Page } from '../ui';

export function ReviewPage() {
  return <Page title="Review queue">Coming next.</Page>;
}
