// How PagerDuty signs a delivery, for this package's end-to-end tests; the check
// itself is the events module's (@internal/backstage-plugin-events-backend-module-pagerduty).
export { signPagerDutyBody as signBody } from '@internal/backstage-plugin-delivery-node';
