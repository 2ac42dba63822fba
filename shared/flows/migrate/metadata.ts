import { initialDocumentVersion } from '../complete-document.ts';
import { type FlowMetadata, type GlobalSettings, type Persona, globalSettingsSchema } from '../schema.ts';
import { type Json, without, defined, fitText, isRecord, optionalText, reportDropped, text } from './fields.ts';
import { type ReportBuilder, shown } from './report.ts';

/** Fields the earlier servers and app managed themselves: ours to drop (the version records keep their own). */
const serverFields = new Set([
  '_id',
  'projectId',
  'workspaceId',
  'createdBy',
  'createdAt',
  'updatedAt',
  'updatedBy',
  'latestVersionId',
  'versionCount',
  'status',
  'deletedAt',
]);

const tagsOf = (value: unknown, report: ReportBuilder): string[] => {
  if (value === undefined) return [];
  const given = Array.isArray(value) ? value : [value];
  const tags = given.filter((tag): tag is string => text(tag) !== undefined);
  if (tags.length < given.length)
    report.add('FIELD_DROPPED', 'metadata.tags[]', `not texts: ${shown(given.filter((tag) => !tags.includes(tag as string)))}`);
  if (tags.some((tag) => tag.length > 50)) report.add('VALUE_CHANGED', 'metadata.tags[]', 'cut to 50 characters');
  if (tags.length > 20) report.add('FIELD_DROPPED', 'metadata.tags[]', `2.0 keeps 20 tags; dropped ${shown(tags.slice(20))}`);
  return tags.slice(0, 20).map((tag) => tag.slice(0, 50));
};

const personasOf = (value: unknown, report: ReportBuilder): Persona[] => {
  if (!Array.isArray(value)) {
    if (value !== undefined) report.add('FIELD_DROPPED', 'metadata.personas', `not a list: ${shown(value)}`);
    return [];
  }
  return value.flatMap((raw): Persona[] => {
    const id = isRecord(raw) && (typeof raw.id === 'string' || typeof raw.id === 'number') ? String(raw.id) : undefined;
    if (!isRecord(raw) || id === undefined) {
      report.add('FIELD_DROPPED', 'metadata.personas[]', `a persona without an id: ${shown(raw)}`);
      return [];
    }
    const { name, description, color, ...rest } = without(raw, ['id']);
    reportDropped(rest, report, 'metadata.personas[].', id);
    const at = { path: 'metadata.personas[]', id };
    return [
      defined({
        id,
        name: fitText(name, 100, report, { ...at, path: `${at.path}.name`, fallback: id.slice(0, 100) }),
        description: optionalText(description, 2000, report, { ...at, path: `${at.path}.description` }),
        color: optionalText(color, 50, report, { ...at, path: `${at.path}.color` }),
      }),
    ];
  });
};

const settingsOf = (value: unknown, report: ReportBuilder): GlobalSettings | undefined => {
  if (!isRecord(value)) {
    if (value !== undefined) report.add('FIELD_DROPPED', 'metadata.globalSettings', `not an object: ${shown(value)}`);
    return undefined;
  }
  const kept: Json = {};
  for (const [key, setting] of Object.entries(value)) {
    const fits = globalSettingsSchema.safeParse({ [key]: setting });
    if (fits.success && key in fits.data) kept[key] = setting;
    else report.add('FIELD_DROPPED', `metadata.globalSettings.${key}`, `not a 2.0 setting value: ${shown(setting)}`);
  }
  return kept;
};

/** The metadata of an earlier document as 2.0 metadata; every field that changes, moves or goes is reported. */
export const convertMetadata = (raw: Json, report: ReportBuilder): FlowMetadata => {
  const { schemaVersion, flowName, description, version, tags, personas, globalSettings, ...rest } = raw;
  report.add('SCHEMA_VERSION_SET', 'metadata.schemaVersion', `${schemaVersion === undefined ? 'absent' : shown(schemaVersion)} → "2.0"`);
  if (version !== undefined && version !== initialDocumentVersion) {
    report.add(
      'VERSION_RESET',
      'metadata.version',
      `${shown(version)} → "${initialDocumentVersion}": the server numbers the versions it stores`,
    );
  }
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined) continue;
    if (serverFields.has(key)) report.add('SERVER_FIELD_DROPPED', `metadata.${key}`, 'managed by the server');
    else report.add('FIELD_DROPPED', `metadata.${key}`, `no place for it in 2.0 metadata; value ${shown(value)}`);
  }
  return defined({
    schemaVersion: '2.0' as const,
    flowName: fitText(flowName, 100, report, { path: 'metadata.flowName', fallback: 'Imported flow' }),
    description: optionalText(description, 2000, report, { path: 'metadata.description' }),
    version: initialDocumentVersion,
    tags: tagsOf(tags, report),
    personas: personasOf(personas, report),
    globalSettings: settingsOf(globalSettings, report),
  });
};
