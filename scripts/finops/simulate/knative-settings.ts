/** What one Knative revision is told about scaling (the annotations and `containerConcurrency`). */
export interface ScalingSettings {
  minScale: number;
  maxScale: number;
  /** `autoscaling.knative.dev/target`: the soft concurrency per pod the autoscaler aims for. */
  target: number;
  /** Hard per-pod limit; 0 = none (queue-proxy passes everything through). */
  containerConcurrency: number;
  /** `scale-to-zero-pod-retention-period` in ms: how long the last idle pod stays. */
  retentionMs: number;
}

/** The cluster-wide autoscaler settings (Knative's defaults, `config-autoscaler`). */
export interface AutoscalerConfig {
  stableWindowMs: number;
  /** 10 % of the stable window by default (`panic-window-percentage`). */
  panicWindowMs: number;
  /** Panic when the panic window's desired pods reach this multiple of the pods there are. */
  panicThreshold: number;
  /** `container-concurrency-target-percentage`: pods are sized to run at 70 % of the target. */
  targetUtilization: number;
  /** `scale-to-zero-grace-period`: the activator is put back in the path before the last pod goes. */
  scaleToZeroGraceMs: number;
  /** How often the autoscaler decides. */
  tickMs: number;
}

export const knativeDefaults: AutoscalerConfig = {
  stableWindowMs: 60_000,
  panicWindowMs: 6_000,
  panicThreshold: 2,
  targetUtilization: 0.7,
  scaleToZeroGraceMs: 30_000,
  tickMs: 2_000,
};
