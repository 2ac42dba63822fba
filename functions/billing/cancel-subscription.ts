import { cancelAtPeriodEndFunction } from './lib/api-cancel-function.ts';

export default cancelAtPeriodEndFunction({
  action: 'cancel',
  summary: 'Cancel the subscription at the end of its period',
  description: 'Sets cancel_at_period_end on the workspace’s Stripe subscription: the plan stays until the period ends, then free.',
});
