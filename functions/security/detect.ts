import { observationOfFlowDeletion, observationOfSecurityEvent, withCountry } from '../../shared/security/index.ts';
import { geoIp } from '../../shared/infra/security/geo-ip.ts';
import { securityMonitor } from '../../shared/infra/security/monitoring-resources.ts';
import { defineEventFunction } from '../../shared/platform/definition/index.ts';

export default defineEventFunction({
  description:
    'Runs the detection rules over each security event and flow deletion (sliding windows in security_signals); a rule that fires raises one alert per window slot, grouped into an incident, published as com.uxflow.security.alert.v1 and mailed to staff by severity.',
  events: ['com.uxflow.security.event.v1', 'com.uxflow.flow.deleted.v1'],
  uses: [securityMonitor, geoIp],
  costTags: { team: 'security', costCenter: 'cc-security', tier: 'batch' },
  privacy: {
    personalData: ['network', 'security'],
    purpose: 'detect attacks on accounts and abuse of the service, and alert staff',
    legalBasis: 'legitimate-interests',
  },
  handler: async (event, { use, log }) => {
    const { data } = event;
    const observation =
      'flowId' in data
        ? observationOfFlowDeletion({ ...data, id: event.id })
        : withCountry(observationOfSecurityEvent(data), use(geoIp).countryOf);
    const alerts = await use(securityMonitor).observe(observation);
    for (const alert of alerts)
      log.warn({ alertId: alert.id, rule: alert.rule, severity: alert.severity, incidentId: alert.incidentId }, 'security alert');
  },
});
