import { cancelAtPeriodEndFunction } from './lib/api-cancel-function.ts';

export default cancelAtPeriodEndFunction({
  action: 'resume',
  summary: 'Resume a subscription that was set to cancel at period end',
  description: 'Clears cancel_at_period_end on the workspace’s Stripe subscription, so it renews again.',
});
