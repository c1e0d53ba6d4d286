import { Page } from '../ui';

export function LeadPage(props: { id: string }) {
  return <Page title={`Lead ${props.id}`}>Coming next.</Page>;
}
