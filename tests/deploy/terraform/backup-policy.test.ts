import { beforeAll, describe, expect, it } from 'vitest';
import { at, moduleCall, resources, variables, type Resource } from './hcl-values.ts';
import { loadModules, type Module } from './terraform-files.ts';

/** The Atlas backup policy (docs/backups.md): RPO ≤ 15 minutes, a bounded retention, a drill target only on demand. */
describe('terraform/ Atlas backups', () => {
  let data: Module;
  const resource = (type: string, name: string): Resource => {
    const found = resources(data.documents).find((r) => r.type === type && r.name === name);
    if (found === undefined) throw new Error(`${type}.${name} not found`);
    return found;
  };
  const defaultOf = (name: string) => at(variables(data.documents)[name], 'default');
  /** A number, or `${var.x}` resolved to the variable's default. */
  const numberOf = (value: unknown) => {
    const reference = typeof value === 'string' ? /^\$\{var\.([a-z_]+)\}$/.exec(value) : null;
    return Number(reference === null ? value : defaultOf(reference[1]!));
  };
  const days = (item: unknown) => {
    const value = numberOf(at(item, 'retention_value'));
    return { days: 1, weeks: 7, months: 31 }[at(item, 'retention_unit') as 'days' | 'weeks' | 'months'] * value;
  };

  beforeAll(async () => {
    const found = (await loadModules()).get('modules/data-backends');
    if (found === undefined) throw new Error('modules/data-backends not found');
    data = found;
  });

  it('should run the production cluster with continuous cloud backup and point-in-time restore', () => {
    const cluster = resource('mongodbatlas_advanced_cluster', 'this');
    expect({ backup: at(cluster.body, 'backup_enabled'), pit: at(cluster.body, 'pit_enabled') }).toEqual({ backup: true, pit: true });
    const schedule = resource('mongodbatlas_cloud_backup_schedule', 'this');
    expect(at(schedule.body, 'cluster_name')).toBe('${mongodbatlas_advanced_cluster.this.name}');
    // The PIT window is where the 15-minute RPO holds: at least a day, and covered by hourly snapshots.
    const window = numberOf(at(schedule.body, 'restore_window_days'));
    expect(window).toBeGreaterThanOrEqual(1);
    expect(days(at(schedule.body, 'policy_item_hourly'))).toBeGreaterThanOrEqual(window);
  });

  it('should keep no snapshot longer than the backup window the erasure reasoning assumes (8 weeks)', () => {
    const schedule = resource('mongodbatlas_cloud_backup_schedule', 'this');
    const items = ['policy_item_hourly', 'policy_item_daily', 'policy_item_weekly', 'policy_item_monthly', 'policy_item_yearly']
      .map((key) => at(schedule.body, key))
      .filter((item) => item !== undefined);
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) expect(days(item)).toBeLessThanOrEqual(8 * 7);
  });

  it('should create the restore drill target only when asked, never with backups of its own', () => {
    const drill = resource('mongodbatlas_advanced_cluster', 'drill');
    expect(at(drill.body, 'count')).toBe('${var.atlas_restore_drill ? 1 : 0}');
    expect(at(drill.body, 'backup_enabled')).toBe(false);
    expect(defaultOf('atlas_restore_drill')).toBe(false);
  });

  it.each(['staging', 'production'])('should let envs/%s start a drill without editing the stack', async (env) => {
    const root = (await loadModules()).get(`envs/${env}`)!;
    expect(moduleCall(root.documents, 'stack')?.atlas_restore_drill).toBe('${var.atlas_restore_drill}');
  });
});
