import { boundingBox } from '../geometry.ts';
import type { FlowNode } from '../schema.ts';
import { type Json, defined, finite, fitText, isRecord } from './fields.ts';
import { type ReportBuilder, shown } from './report.ts';
import { positionOf, styleOf } from './web-nodes.ts';

/** A frame as the earlier app wrote it: a `frame` node, or an entry of a top-level `frames[]`. */
export interface FrameSource {
  id: string;
  /** `frames[]` for an entry of the list, `nodes[]` for a frame node: the report's path. */
  path: 'frames[]' | 'nodes[]';
  title: unknown;
  position: unknown;
  size: unknown;
  style: unknown;
  /** Members it lists itself (`data.containedNodes`, `nodeIds`), by their mapped ids. */
  listed: string[];
}

const padding = 20;
const emptyFrameSize = { width: 400, height: 300 };

const box = (source: FrameSource, members: Json[], report: ReportBuilder) => {
  const { size: given } = source;
  const size = isRecord(given) && finite(given.width) && finite(given.height) ? { width: given.width, height: given.height } : undefined;
  const position = positionOf(source.position, report, `${source.path}.`, source.id);
  if (position !== undefined && size !== undefined && size.width > 0 && size.height > 0) return { position, size };
  if (members.length > 0) {
    report.add('DEFAULT_ADDED', `${source.path}.size`, 'missing or unusable; drawn around its nodes', source.id);
    const { x, y, width, height } = boundingBox(members as FlowNode[], padding);
    return { position: { x, y }, size: { width, height } };
  }
  report.add(
    'DEFAULT_ADDED',
    `${source.path}.size`,
    `missing or unusable; ${emptyFrameSize.width} × ${emptyFrameSize.height} used`,
    source.id,
  );
  return { position: position ?? { x: 0, y: 0 }, size: emptyFrameSize };
};

/**
 * The 2.0 frames: members are the nodes naming a frame in `parentFrameId`, then those a frame lists itself; a node
 * keeps its first frame (2.0 frames do not share nodes). Sets `frameId` on the member nodes (which have positions).
 */
export const buildFrames = (sources: FrameSource[], steps: Json[], parentOf: Map<string, string>, report: ReportBuilder): Json[] => {
  const frames = new Map<string, FrameSource>();
  for (const source of sources) {
    const known = frames.get(source.id);
    if (known) known.listed.push(...source.listed);
    else frames.set(source.id, { ...source, listed: [...source.listed] });
  }
  const stepIds = new Set(steps.map((step) => String(step.id)));
  const frameOf = new Map<string, string>();
  for (const [nodeId, frameId] of parentOf) {
    if (frames.has(frameId)) frameOf.set(nodeId, frameId);
    else report.add('FIELD_DROPPED', 'nodes[].parentFrameId', `names no frame: ${shown(frameId)}`, nodeId);
  }
  for (const frame of frames.values()) {
    for (const nodeId of new Set(frame.listed)) {
      const other = frameOf.get(nodeId);
      if (!stepIds.has(nodeId))
        report.add('FIELD_DROPPED', `${frame.path}.members`, `names no node that 2.0 keeps: ${shown(nodeId)}`, frame.id);
      else if (other === undefined) frameOf.set(nodeId, frame.id);
      else if (other !== frame.id)
        report.add(
          'VALUE_CHANGED',
          `${frame.path}.members`,
          `node ${nodeId} stays in frame ${other} (2.0 frames do not share nodes)`,
          frame.id,
        );
    }
  }
  for (const step of steps) {
    const frameId = frameOf.get(String(step.id));
    if (frameId !== undefined) step.frameId = frameId;
  }
  return [...frames.values()].map((frame) => {
    const members = steps.filter((step) => step.frameId === frame.id);
    return defined({
      id: frame.id,
      title: fitText(frame.title, 100, report, { path: `${frame.path}.title`, id: frame.id, fallback: 'Frame' }),
      ...box(frame, members, report),
      style: styleOf(frame.style, report, `${frame.path}.`, frame.id),
      nodeIds: members.map((step) => String(step.id)),
    });
  });
};
