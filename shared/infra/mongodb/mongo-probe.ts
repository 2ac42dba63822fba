import type { DependencyProbe } from '../../ops/health.ts';
import type { Mongo } from './mongo-resource.ts';

export const mongoProbe = (mongo: Mongo): DependencyProbe => ({
  name: 'mongodb',
  check: async () => {
    await mongo.db.command({ ping: 1 });
  },
});
