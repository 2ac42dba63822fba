export * from './records.ts';
export * from './ports.ts';
export * from './service-errors.ts';

export { restorableForMs } from './lifecycle-service.ts';
export { exportFormats, type ExportFormat } from './history-service.ts';
export type { TemplateSummary } from './template-service.ts';
export type { WriteResult } from './edit-service.ts';
import { createFlowEditService } from './edit-service.ts';
import { createFlowHistoryService } from './history-service.ts';
import { createFlowLifecycleService } from './lifecycle-service.ts';
import type { FlowsPorts } from './ports.ts';
import { createTemplateService } from './template-service.ts';

/** Every flow service over one set of ports. */
export const createFlowServices = (ports: FlowsPorts) => ({
  lifecycle: createFlowLifecycleService(ports),
  edit: createFlowEditService(ports),
  history: createFlowHistoryService(ports),
  templates: createTemplateService(ports),
});
export type FlowServices = ReturnType<typeof createFlowServices>;
