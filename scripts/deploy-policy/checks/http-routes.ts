import { serviceHost } from '../../gen/knative/cluster.ts';
import { describeObject, type PolicyCheck, type Violation } from '../types.ts';

interface Rule {
  matches?: { method?: string; path?: { type?: string; value?: string } }[];
  filters?: { type?: string; urlRewrite?: { hostname?: string } }[];
}

/** The function a rule sends traffic to: the Service host its URL rewrite names. */
const rewrittenHost = (rule: Rule) => rule.filters?.find((f) => f.type === 'URLRewrite')?.urlRewrite?.hostname;

/**
 * Every HTTP route a definition declares has exactly one HTTPRoute rule, rewriting to its own
 * Service with the declared method (the fallback route has no method); no rule leads anywhere else.
 */
export const httpRoutesCheck: PolicyCheck = {
  name: 'http-routes',
  description: 'every HTTP route has exactly one HTTPRoute rule',
  run(objects, context) {
    const byHost = new Map(context.routes.map((route) => [serviceHost(route.service), route]));
    const ruleCount = new Map<string, number>();
    const violations: Violation[] = [];
    for (const route of objects.filter((o) => o.kind === 'HTTPRoute')) {
      for (const rule of (route.spec?.rules ?? []) as Rule[]) {
        const host = rewrittenHost(rule) ?? '(none)';
        const declared = byHost.get(host);
        if (!declared) {
          violations.push({
            check: this.name,
            object: describeObject(route),
            message: `a rule rewrites to ${host}, which is no HTTP function`,
          });
          continue;
        }
        ruleCount.set(declared.service, (ruleCount.get(declared.service) ?? 0) + 1);
        const method = rule.matches?.[0]?.method;
        if (method !== undefined && method !== declared.method.toUpperCase()) {
          violations.push({
            check: this.name,
            object: describeObject(route),
            message: `the rule for ${declared.service} matches ${method}, not ${declared.method.toUpperCase()}`,
          });
        }
      }
    }
    for (const route of context.routes) {
      const count = ruleCount.get(route.service) ?? 0;
      if (count !== 1) {
        violations.push({
          check: this.name,
          object: `route/${route.service}`,
          message: `${route.method.toUpperCase()} ${route.path} has ${count} HTTPRoute rules, expected exactly 1`,
        });
      }
    }
    return violations;
  },
};
