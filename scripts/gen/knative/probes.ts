import type { IProbe } from 'kubernetes-models/v1/Probe';
import { cluster } from './cluster.ts';

/**
 * TCP probes on the serving port. The Functions Framework answers every HTTP path with the
 * function itself (and event functions take only POSTs), so an HTTP probe would either run the
 * function or fail; a TCP connect checks the host is up without invoking anything. Knative
 * accepts a probe port only when it equals the container port, and runs the readiness probe
 * from the queue-proxy: without `periodSeconds` it probes aggressively at start, which keeps
 * cold starts short. Readiness never asks a dependency: a database or Stripe outage would take
 * every instance out of service at once (the public dependency report is ops-dependencies).
 */
export const readinessProbe = (): IProbe => ({ tcpSocket: { port: cluster.containerPort }, successThreshold: 1 });

/** Restarts a container whose server stopped accepting connections (three misses, ten seconds apart). */
export const livenessProbe = (): IProbe => ({
  tcpSocket: { port: cluster.containerPort },
  periodSeconds: 10,
  timeoutSeconds: 2,
  failureThreshold: 3,
});
