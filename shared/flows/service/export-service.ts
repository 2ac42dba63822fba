import { exportSvg } from '../export-svg.ts';
import { toMermaid } from '../export-mermaid.ts';
import type { FlowDocument } from '../schema.ts';
import { loadForCaller } from './flow-reader.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';

export const exportFormats = ['uxflow', 'mermaid', 'svg'] as const;
export type ExportFormat = (typeof exportFormats)[number];

const exporters: Record<ExportFormat, (doc: FlowDocument) => string> = {
  uxflow: (doc) => `${JSON.stringify(doc, null, 2)}\n`,
  mermaid: toMermaid,
  svg: exportSvg,
};

/** Flows as files. */
export const createFlowExportService = (ports: FlowsPorts) => ({
  /** The latest version as a file. */
  exportFlow: async (caller: FlowCaller, flowId: string, format: ExportFormat) => {
    const latest = await loadForCaller(ports, caller, flowId, 'flows:export');
    return { name: latest.document.metadata.flowName, versionNumber: latest.versionNumber, body: exporters[format](latest.document) };
  },
});
