import type { NodeUsageFile } from '../input/node-usage-schema.ts';
import { money, percent } from '../render/format.ts';
import type { ReservationAnalysis } from './analyse-reservations.ts';
import { percentile } from './percentile.ts';

/** The three Terraform variable lines; zero capacity when no plan pays off. */
export const terraformLines = (analysis: ReservationAnalysis): string[] => {
  const reserved = analysis.plan === 'none' ? { vcpu: 0, memoryGb: 0 } : analysis.floor;
  return [`reserved_vcpus = ${reserved.vcpu}`, `reserved_memory_gb = ${reserved.memoryGb}`, `commitment_plan = "${analysis.plan}"`];
};

const spread = (values: readonly number[], unit: string) =>
  `min ${percentile(values, 0).toFixed(1)}, median ${percentile(values, 50).toFixed(1)}, max ${percentile(values, 100).toFixed(1)} ${unit}`;

/** The recommendation as text: the usage seen, the floor, each term's break-even and savings, then the Terraform lines. */
export const renderReservations = (usage: NodeUsageFile, analysis: ReservationAnalysis): string => {
  const onDemand = usage.pools['on-demand'];
  const [first, second] = analysis.halves;
  const lines = [
    `On-demand pool, ${analysis.hours} hours from ${usage.start}:`,
    `  vCPU in use:   ${spread(onDemand.vcpu, 'vCPU')}`,
    `  memory in use: ${spread(onDemand.memoryGb, 'GB')}`,
    ...(usage.pools.spot ? [`Spot pool (not committable): ${spread(usage.pools.spot.vcpu, 'vCPU')}`] : []),
    `Floor (p${analysis.percentile}, whole units): ${analysis.floor.vcpu} vCPU, ${analysis.floor.memoryGb} GB` +
      ` (first half ${first.vcpu} vCPU / ${first.memoryGb} GB, second half ${second.vcpu} vCPU / ${second.memoryGb} GB)`,
    `Utilisation of the floor (price-weighted): ${percent(analysis.utilisation)}`,
    ...analysis.plans.map(
      (plan) =>
        `  ${plan.plan.padEnd(16)} discount ${percent(plan.discount)}, break-even ${percent(plan.breakEven)}: ` +
        (plan.rejected ? `no (${plan.rejected})` : `saves ${money(plan.monthlySavings, 'USD')} / month`),
    ),
    analysis.plan === 'none'
      ? 'Recommendation: no commitment.'
      : `Recommendation: ${analysis.plan}, saving ${money(analysis.monthlySavings, 'USD')} a month against on-demand.`,
    '',
    ...terraformLines(analysis),
  ];
  return lines.join('\n') + '\n';
};
