import { Namespace } from 'kubernetes-models/v1/Namespace';
import { cluster } from './cluster.ts';
import { validated } from './validated.ts';

export const buildNamespace = (): Namespace =>
  validated(new Namespace({ metadata: { name: cluster.namespace, labels: { 'app.kubernetes.io/part-of': cluster.partOf } } }), 'Namespace');
